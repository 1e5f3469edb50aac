using Descent.Kernels;

namespace Descent.Tensors.Tests;

/// <summary>
/// The broadcasting kernel against its scalar reference for lengths 0..257 (covering every SIMD tail) and every
/// operand layout it has a fast path for.
/// </summary>
public class BroadcastKernelTests
{
    private const int MaxLength = 257;

    public static TheoryData<string> Ops => new(Checks.Keys);

    // Exact ops: +, −, ×, ÷, max, min, comparisons and copy are single IEEE operations (or selections), so the
    // vectorized paths must give bit-identical results, NaN and signed zeros included.
    // Pow is a libm-style function whose vectorized form may differ from MathF.Pow: a tolerance applies.
    private static readonly Dictionary<string, Action<int>> Checks = new()
    {
        ["Add"] = n => CheckAllLayouts<AddOp>(n, exact: true),
        ["Subtract"] = n => CheckAllLayouts<SubtractOp>(n, exact: true),
        ["Multiply"] = n => CheckAllLayouts<MultiplyOp>(n, exact: true),
        ["Divide"] = n => CheckAllLayouts<DivideOp>(n, exact: true),
        ["Pow"] = n => CheckAllLayouts<PowOp>(n, exact: false),
        ["Maximum"] = n => CheckAllLayouts<MaximumOp>(n, exact: true),
        ["Minimum"] = n => CheckAllLayouts<MinimumOp>(n, exact: true),
        ["GreaterThan"] = n => CheckAllLayouts<CompareOp<GreaterThan>>(n, exact: true),
        ["GreaterOrEqual"] = n => CheckAllLayouts<CompareOp<GreaterOrEqual>>(n, exact: true),
        ["LessThan"] = n => CheckAllLayouts<CompareOp<LessThan>>(n, exact: true),
        ["LessOrEqual"] = n => CheckAllLayouts<CompareOp<LessOrEqual>>(n, exact: true),
        ["EqualTo"] = n => CheckAllLayouts<CompareOp<EqualTo>>(n, exact: true),
        ["NotEqualTo"] = n => CheckAllLayouts<CompareOp<NotEqualTo>>(n, exact: true),
        ["First"] = n => CheckAllLayouts<FirstOp>(n, exact: true),
    };

    [Theory]
    [MemberData(nameof(Ops))]
    public void KernelEqualsReferenceForAllLengths(string op)
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            Checks[op](n);
        }
    }

    [Fact]
    public void MaximumAndMinimumPropagateNaNAndOrderSignedZeros()
    {
        // torch.maximum(-0., 0.) is 0. and torch.minimum(-0., 0.) is -0.; NaN wins either side.
        float[] x = [-0f, 0f, float.NaN, 1f];
        float[] y = [0f, -0f, 1f, float.NaN];
        var max = new float[4];
        var min = new float[4];
        Broadcast.Apply<MaximumOp>(x, [4], y, [4], max, [4]);
        Broadcast.Apply<MinimumOp>(x, [4], y, [4], min, [4]);
        Assert.Equal([0f, 0f, float.NaN, float.NaN], max);
        Assert.True(float.IsPositive(max[0]) && float.IsPositive(max[1]));
        Assert.Equal([-0f, -0f, float.NaN, float.NaN], min);
        Assert.True(float.IsNegative(min[0]) && float.IsNegative(min[1]));
    }

    [Fact]
    public void SumToEqualsReferenceForAllLengths()
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            CheckSumTo([3, n], [n]);
            CheckSumTo([3, n], [3, 1]);
            CheckSumTo([3, n], [1, n]);
            CheckSumTo([2, 3, n], [3, 1]);
            CheckSumTo([n, 2, 3], [1, 2, 1]);
            CheckSumTo([n, 2], []);
            CheckSumTo([n], [n]);
        }
    }

    private static void CheckAllLayouts<TOp>(int n, bool exact)
        where TOp : IBinaryOp
    {
        Check<TOp>([n], [n], exact);                // same shape
        Check<TOp>([], [n], exact);                 // scalar left
        Check<TOp>([n], [], exact);                 // scalar right
        Check<TOp>([3, n], [n], exact);             // row broadcast on the right
        Check<TOp>([n], [3, n], exact);             // row broadcast on the left
        Check<TOp>([2, n], [2, 1], exact);          // column broadcast
        Check<TOp>([n, 1], [1, 3], exact);          // outer product: both broadcast
        Check<TOp>([2, 1, n], [3, 1], exact);       // broadcast in a middle dim
    }

    private static void Check<TOp>(int[] xShape, int[] yShape, bool exact)
        where TOp : IBinaryOp
    {
        int[] shape = ShapeUtil.Broadcast(xShape, yShape, "test");
        float[] x = Values(ShapeUtil.NumElements(xShape), seed: 1);
        float[] y = Values(ShapeUtil.NumElements(yShape), seed: 2);
        var actual = new float[ShapeUtil.NumElements(shape)];
        var expected = new float[actual.Length];
        Broadcast.Apply<TOp>(x, xShape, y, yShape, actual, shape);
        Broadcast.ApplyReference<TOp>(x, xShape, y, yShape, expected, shape);
        for (int i = 0; i < actual.Length; i++)
        {
            bool same = exact
                ? BitConverter.SingleToInt32Bits(actual[i]) == BitConverter.SingleToInt32Bits(expected[i])
                    || (float.IsNaN(actual[i]) && float.IsNaN(expected[i]))
                : Close(actual[i], expected[i]);
            if (!same)
            {
                Assert.Fail($"{typeof(TOp).Name} {ShapeUtil.Format(xShape)} with {ShapeUtil.Format(yShape)} at {i}: kernel {actual[i]:R}, reference {expected[i]:R}");
            }
        }
    }

    /// <summary>Two float results of a transcendental function agree to 4 ulps, or are the same special value.</summary>
    private static bool Close(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b) || float.IsInfinity(a) || float.IsInfinity(b) || a == 0 || b == 0)
        {
            return a.Equals(b) && float.IsNegative(a) == float.IsNegative(b);
        }
        return Math.Abs(BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(b)) <= 4;
    }

    /// <summary>
    /// Normal values with special entries sprinkled in (±0, NaN, ±∞, exact ties with the other operand, and
    /// negative bases with whole exponents for Pow), deterministically per seed.
    /// </summary>
    internal static float[] Values(int n, int seed)
    {
        var g = new Generator((ulong)seed);
        var v = new float[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = (i % 17) switch
            {
                3 => 0f,
                5 => -0f,
                7 => i % 2 == 0 ? float.NaN : float.PositiveInfinity,
                11 => float.NegativeInfinity,
                13 => 2f,                               // ties: both operands hold 2 here
                15 => seed == 2 ? 3f : -1.5f,           // (-1.5)^3 needs the odd-integer-exponent rule
                _ => (float)g.NextNormal() * 2f,
            };
        }
        return v;
    }

    private static void CheckSumTo(int[] sShape, int[] dShape)
    {
        float[] s = Values(ShapeUtil.NumElements(sShape), seed: 3).Select(v => float.IsFinite(v) ? v : 1f).ToArray();
        var actual = new float[ShapeUtil.NumElements(dShape)];
        Broadcast.SumTo(s, sShape, actual, dShape);

        // Double-precision reference: add each source element into the destination it broadcasts onto.
        var expected = new double[actual.Length];
        var magnitude = new double[actual.Length];
        int[] dStrides = ShapeUtil.BroadcastStrides(dShape, sShape);
        int[] sStrides = ShapeUtil.Strides(sShape);
        for (int i = 0; i < s.Length; i++)
        {
            int j = 0;
            for (int k = 0; k < sShape.Length; k++)
            {
                j += i / sStrides[k] % sShape[k] * dStrides[k];
            }
            expected[j] += s[i];
            magnitude[j] += Math.Abs(s[i]);
        }
        for (int j = 0; j < actual.Length; j++)
        {
            // Float summation in another order: the error is bounded by a few ulps of the sum of magnitudes.
            if (!(Math.Abs(actual[j] - expected[j]) <= 1e-6 * magnitude[j] + 1e-30))
            {
                Assert.Fail($"SumTo {ShapeUtil.Format(sShape)} → {ShapeUtil.Format(dShape)} at {j}: {actual[j]:R} vs {expected[j]:R}");
            }
        }
    }
}
