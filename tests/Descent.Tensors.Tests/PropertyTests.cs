using Descent.Kernels;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Descent.Tensors.Tests;

/// <summary>Two operand shapes that broadcast, with a seed for their values.</summary>
public sealed record BroadcastPair(int[] A, int[] B, int Seed)
{
    public override string ToString() => $"{ShapeUtil.Format(A)} with {ShapeUtil.Format(B)}, seed {Seed}";
}

/// <summary>A shape of rank 1 to 4 with sizes 1 to 5, and a seed.</summary>
public sealed record ShapeCase(int[] Shape, int Seed)
{
    public override string ToString() => $"{ShapeUtil.Format(Shape)}, seed {Seed}";
}

public static class TensorArbitraries
{
    public static Arbitrary<BroadcastPair> BroadcastPairs() => Arb.From(
        from rank in Gen.Choose(0, 4)
        from sizes in Gen.Choose(1, 4).ArrayOf(rank)
        from onesA in Gen.Elements(true, false, false).ArrayOf(rank)
        from onesB in Gen.Elements(true, false, false).ArrayOf(rank)
        from dropA in Gen.Choose(0, rank)
        from dropB in Gen.Choose(0, rank)
        from seed in Gen.Choose(0, 1_000_000)
        select new BroadcastPair(Operand(sizes, onesA, dropA), Operand(sizes, onesB, dropB), seed));

    public static Arbitrary<ShapeCase> Shapes() => Arb.From(
        from rank in Gen.Choose(1, 4)
        from sizes in Gen.Choose(1, 5).ArrayOf(rank)
        from seed in Gen.Choose(0, 1_000_000)
        select new ShapeCase(sizes, seed));

    /// <summary>The result shape with its first <paramref name="drop"/> dims removed and some dims set to 1.</summary>
    private static int[] Operand(int[] sizes, bool[] ones, int drop) =>
        sizes.Select((s, i) => ones[i] ? 1 : s).Skip(drop).ToArray();
}

/// <summary>Algebraic laws of the tensor ops over random shapes.</summary>
[Properties(Arbitrary = [typeof(TensorArbitraries)], MaxTest = 100)]
public class PropertyTests
{
    private static Tensor Values(int[] shape, int seed) => Tensor.Randn(shape, new Generator((ulong)seed));

    [Property]
    public bool AddMultiplyAndMaximumCommuteUnderBroadcasting(BroadcastPair p)
    {
        Tensor a = Values(p.A, p.Seed);
        Tensor b = Values(p.B, p.Seed + 1);
        // Exact: each element is the same single IEEE operation with its operands swapped.
        return SameBits(a + b, b + a) && SameBits(a * b, b * a) && SameBits(a.Maximum(b), b.Maximum(a));
    }

    [Property]
    public bool BroadcastKernelMatchesItsReference(BroadcastPair p)
    {
        float[] a = Values(p.A, p.Seed).ToArray();
        float[] b = Values(p.B, p.Seed + 1).ToArray();
        int[] shape = ShapeUtil.Broadcast(p.A, p.B, "test");
        var fast = new float[ShapeUtil.NumElements(shape)];
        var reference = new float[fast.Length];
        Broadcast.Apply<SubtractOp>(a, p.A, b, p.B, fast, shape);
        Broadcast.ApplyReference<SubtractOp>(a, p.A, b, p.B, reference, shape);
        return fast.AsSpan().SequenceEqual(reference);
    }

    [Property]
    public bool BroadcastGradientsSumBackToTheOperands(BroadcastPair p)
    {
        // ∂ Σ(a + b) / ∂a = (elements of the result) / (elements of a), for every entry of a.
        Tensor a = Values(p.A, p.Seed).RequireGrad();
        Tensor b = Values(p.B, p.Seed + 1).RequireGrad();
        Tensor sum = a + b;
        sum.Sum().Backward();
        float perA = (float)sum.NumElements / a.NumElements;
        float perB = (float)sum.NumElements / b.NumElements;
        return a.Grad!.Dims().SequenceEqual(p.A)
            && a.Grad!.ToArray().All(g => g == perA)
            && b.Grad!.ToArray().All(g => g == perB);
    }

    [Property]
    public bool SumOfConcatIsTheSumOfSums(ShapeCase c)
    {
        Tensor a = Values(c.Shape, c.Seed);
        Tensor b = Values(c.Shape, c.Seed + 1);
        int dim = c.Seed % c.Shape.Length;
        float whole = Tensor.Concat([a, b, a], dim).Sum().Item();
        float parts = 2 * a.Sum().Item() + b.Sum().Item();
        // Float sums in different orders: agree to rounding of the magnitudes involved.
        double scale = 3 * a.Abs().Sum().Item() + b.Abs().Sum().Item();
        return Math.Abs(whole - parts) <= 1e-5 * scale;
    }

    [Property]
    public bool NarrowPiecesConcatenateBackToTheOriginal(ShapeCase c)
    {
        Tensor x = Values(c.Shape, c.Seed);
        int dim = c.Seed % c.Shape.Length;
        int size = c.Shape[dim];
        int cut = c.Seed % (size + 1);
        Tensor joined = Tensor.Concat([x.Narrow(dim, 0, cut), x.Narrow(dim, cut, size - cut)], dim);
        return SameBits(x, joined);
    }

    [Property]
    public bool PermuteThenInverseIsIdentity(ShapeCase c)
    {
        Tensor x = Values(c.Shape, c.Seed);
        int[] order = new Generator((ulong)c.Seed).Permutation(c.Shape.Length);
        var inverse = new int[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            inverse[order[i]] = i;
        }
        int d0 = c.Seed % c.Shape.Length;
        int d1 = c.Seed / 7 % c.Shape.Length;
        return SameBits(x, x.Permute(order).Permute(inverse)) && SameBits(x, x.Transpose(d0, d1).Transpose(d0, d1));
    }

    [Property]
    public bool IndexSelectOfEveryIndexInOrderIsIdentity(ShapeCase c)
    {
        Tensor x = Values(c.Shape, c.Seed);
        int dim = c.Seed % c.Shape.Length;
        return SameBits(x, x.IndexSelect(dim, Enumerable.Range(0, c.Shape[dim]).ToArray()));
    }

    [Property]
    public bool SoftmaxRowsSumToOne(ShapeCase c)
    {
        Tensor x = Values(c.Shape, c.Seed) * 5f;
        int dim = c.Seed % c.Shape.Length;
        Tensor p = x.Softmax(dim);
        return p.Sum(dim).ToArray().All(s => Math.Abs(s - 1f) <= 1e-6f)
            && p.ToArray().All(v => v >= 0f && v <= 1f)
            && x.LogSoftmax(dim).Exp().ToArray().Zip(p.ToArray()).All(t => Math.Abs(t.First - t.Second) <= 1e-6f);
    }

    [Property]
    public bool SumOverAllDimsEqualsSumOfAll(ShapeCase c)
    {
        Tensor x = Values(c.Shape, c.Seed);
        float all = x.Sum().Item();
        float byDims = x.Sum(Enumerable.Range(0, c.Shape.Length).Reverse().ToArray()).Item();
        return Math.Abs(all - byDims) <= 1e-5f * x.Abs().Sum().Item() + 1e-6f;
    }

    [Property]
    public bool ToStringIsWellFormed(ShapeCase c)
    {
        Tensor x = Values(c.Shape, c.Seed) * MathF.Pow(10f, c.Seed % 13 - 6);
        string text = x.ToString();
        return text.StartsWith("tensor([", StringComparison.Ordinal)
            && text.EndsWith("])", StringComparison.Ordinal)
            && text.Count(ch => ch == '[') == text.Count(ch => ch == ']')
            // PyTorch fits the elements of a line into 80 columns but not the brackets and comma around them.
            && text.Split('\n').All(line => line.Length <= 81 + c.Shape.Length);
    }

    private static bool SameBits(Tensor x, Tensor y) =>
        x.Dims().SequenceEqual(y.Dims())
        && x.ToArray().Select(BitConverter.SingleToInt32Bits).SequenceEqual(y.ToArray().Select(BitConverter.SingleToInt32Bits));
}
