namespace Descent.Tensors.Tests;

/// <summary>
/// Steps computed under a <see cref="TensorArena"/>, whose buffers the previous step left full of its own values,
/// compute bit for bit what fresh buffers compute, and allocate their buffers only once.
/// </summary>
public sealed class TensorArenaTests
{
    [Fact]
    public void StepsOnReusedBuffersEqualStepsOnFreshOnes()
    {
        var arena = new TensorArena();
        for (int step = 0; step < 4; step++)
        {
            (float[] Loss, float[] GradW, float[] GradB, float[] Output) fresh = Step(step);
            arena.Reset();
            (float[] Loss, float[] GradW, float[] GradB, float[] Output) reused;
            using (arena.Activate())
            {
                reused = Step(step);
            }
            Assert.Equal(fresh.Loss, reused.Loss);
            Assert.Equal(fresh.GradW, reused.GradW);
            Assert.Equal(fresh.GradB, reused.GradB);
            Assert.Equal(fresh.Output, reused.Output);
        }
    }

    [Fact]
    public void AStepAllocatesItsBuffersOnlyOnce()
    {
        var arena = new TensorArena();
        long Bytes(bool withArena)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++)
            {
                arena.Reset();
                using (withArena ? arena.Activate() : default)
                {
                    Step(i, rows: 64, hidden: 256);
                }
            }
            return (GC.GetAllocatedBytesForCurrentThread() - before) / 5;
        }
        Bytes(withArena: true);
        long fresh = Bytes(withArena: false);
        long reused = Bytes(withArena: true);
        // The step's buffers (64 × 256 floats each, a dozen of them) are most of what it allocates.
        Assert.True(fresh > 400_000, $"a fresh step allocated {fresh} bytes");
        Assert.True(reused < fresh / 4, $"a step under the arena allocated {reused} bytes, a fresh one {fresh}");
    }

    [Fact]
    public void FactoryTensorsCopiesAndWorkOutsideTheScopeNeverComeFromTheArena()
    {
        var arena = new TensorArena();
        Tensor zeros, copy, clone, outside;
        using (arena.Activate())
        {
            Tensor x = Tensor.Full([3, 4], 2f);
            zeros = Tensor.Zeros(3, 4);
            Tensor y = x * 3f;
            clone = y.Clone();
            copy = Tensor.FromArray(y.ToArray(), 3, 4);
        }
        outside = Tensor.Full([3, 4], 2f) * 5f;
        arena.Reset();
        using (arena.Activate())
        {
            // Same-sized results, which take the buffers lent before the reset.
            _ = (Tensor.Full([3, 4], 7f) * 7f) + (Tensor.Full([3, 4], 7f) * 7f);
        }
        Assert.All(zeros.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(clone.ToArray(), v => Assert.Equal(6f, v));
        Assert.All(copy.ToArray(), v => Assert.Equal(6f, v));
        Assert.All(outside.ToArray(), v => Assert.Equal(10f, v));
    }

    [Fact]
    public void DisposingTheScopeRestoresTheArenaActiveBefore()
    {
        var outer = new TensorArena();
        var inner = new TensorArena();
        Tensor fromOuter;
        using (outer.Activate())
        {
            using (inner.Activate())
            {
                _ = Tensor.Full([5], 1f) * 2f;
            }
            fromOuter = Tensor.Full([5], 1f) * 3f;
        }
        inner.Reset();
        using (inner.Activate())
        {
            _ = Tensor.Full([5], 1f) * 4f;
        }
        // Had the outer scope lent from the inner arena, the last product would have overwritten it.
        Assert.All(fromOuter.ToArray(), v => Assert.Equal(3f, v));
    }

    /// <summary>
    /// A training step touching many kinds of op (a linear layer with broadcast bias, activations, dropout, shape
    /// ops, reductions with and without kept dims, concatenation, cross-entropy) whose inputs change with
    /// <paramref name="step"/>; the results are copied out, as a loop reads them before the next reset.
    /// </summary>
    private static (float[] Loss, float[] GradW, float[] GradB, float[] Output) Step(int step, int rows = 8, int hidden = 6)
    {
        var w = new Parameter(Tensor.Randn([hidden, 5], new Generator(1)));
        var b = new Parameter(Tensor.Randn([hidden], new Generator(2)));
        Tensor x = Tensor.Randn([rows, 5], new Generator(10 + (ulong)step));
        Tensor h = Tensor.Linear(x, w, b).Relu().Dropout(0.25, new Generator(20 + (ulong)step));
        Tensor t = h.Tanh() + h.Sigmoid().Transpose(0, 1).Transpose(0, 1) - h.Softplus();
        Tensor joined = Tensor.Concat([t, h.Exp().Log1pSafe()], 1);
        Tensor logits = joined.Narrow(1, 0, 3) + joined.Sum(1, keepDim: true) / 10f;
        int[] classes = [.. Enumerable.Range(0, rows).Select(i => (i + step) % 3)];
        Tensor loss = Tensor.CrossEntropyMean(logits, classes) + joined.Square().Mean() + joined.Max(0).Sum();
        loss.Backward();
        return (loss.ToArray(), w.Grad!.ToArray(), b.Grad!.ToArray(), logits.ToArray());
    }
}

internal static class ArenaTestOps
{
    /// <summary>log(1 + x) for the non-negative x of the test, through the elementwise ops.</summary>
    public static Tensor Log1pSafe(this Tensor x) => (x + 1f).Log();
}
