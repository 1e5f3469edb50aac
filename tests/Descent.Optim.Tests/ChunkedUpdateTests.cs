using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Descent.Kernels;
using Descent.Optim.Tests.Catalogue;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests;

/// <summary>
/// Parameters above the threading threshold are split into fixed chunks across the worker pool; the result must not
/// depend on the thread count.
/// </summary>
public sealed class ChunkedUpdateTests
{
    public static TheoryData<string, int> ReplayableConfigs() => OptimizerBatteryTests.ReplayableConfigs();

    [Theory]
    [MemberData(nameof(ReplayableConfigs))]
    public void ChunkedStepEqualsSingleThreadedStepAndScalarReference(string optimizer, int configIndex) =>
        // Just below and at the threshold, and several chunks with a ragged last one (not a multiple of 8 either).
        AssertThreadsChangeNoBit(optimizer, configIndex, steps: 4,
            [ElementwiseUpdate.ParallelThreshold - 1, ElementwiseUpdate.ParallelThreshold, 3 * ElementwiseUpdate.ChunkSize + 77]);

    [Theory]
    [MemberData(nameof(ReplayableConfigs))]
    public void ManySmallParametersSplitByElementsEqualOneByOneAndTheScalarReference(string optimizer, int configIndex)
    {
        // 120 parameters, together several chunks: empty ones, short ones with scalar tails, and some that straddle
        // chunk boundaries of the end-to-end layout.
        var random = new Random(11);
        int[] lengths = [.. Enumerable.Range(0, 120).Select(i => i % 17 == 0 ? 0 : i % 5 == 0 ? random.Next(1, 9) : random.Next(500, 3000))];
        Assert.True(lengths.Sum() > ElementwiseUpdate.ParallelThreshold);
        AssertThreadsChangeNoBit(optimizer, configIndex, steps: 3, lengths);
    }

    /// <summary>
    /// Steps parameters of <paramref name="lengths"/> on every core, on one thread and with the scalar reference, from
    /// the same values and gradients; parameters and state must agree bit for bit.
    /// </summary>
    private static void AssertThreadsChangeNoBit(string optimizer, int configIndex, int steps, int[] lengths)
    {
        OptimizerCase c = OptimizerCase.Named(optimizer);
        Dictionary<string, object?> config = c.ValidConfigs[configIndex];
        Parameter[] Make() => [.. lengths.Select((n, i) => new Parameter(Tensor.Randn(c.Shaped(n), new Generator((ulong)i + 1))))];
        Parameter[] single = Make();
        Parameter[] multi = Make();
        Parameter[] reference = Make();
        Optimizer singleOpt = c.Create(single, config);
        Optimizer multiOpt = c.Create(multi, config);
        Optimizer referenceOpt = c.Create(reference, config);
        singleOpt.MaxDegreeOfParallelism = 1;
        referenceOpt.UseReference = true;
        var generator = new Generator(5);
        for (int step = 1; step <= steps; step++)
        {
            for (int i = 0; i < lengths.Length; i++)
            {
                Tensor grad = Tensor.Randn(c.Shaped(lengths[i]), generator);
                (single[i].Grad, multi[i].Grad, reference[i].Grad) = (grad, grad.Detach().Clone(), grad.Detach().Clone());
            }
            singleOpt.Step();
            multiOpt.Step();
            referenceOpt.Step();
        }
        for (int i = 0; i < lengths.Length; i++)
        {
            Close.Bitwise(single[i].AsReadOnlySpan(), multi[i].AsReadOnlySpan(), $"param {i} of length {lengths[i]}, threads vs one thread");
            Close.Bitwise(reference[i].AsReadOnlySpan(), multi[i].AsReadOnlySpan(), $"param {i} of length {lengths[i]}, threads vs reference");
        }
        Close.StateDicts(singleOpt.StateDict(), multiOpt.StateDict());
        Close.StateDicts(referenceOpt.StateDict(), multiOpt.StateDict());
    }

    [Fact]
    public void ABatchVisitsEveryElementOfEveryUpdateExactlyOnce()
    {
        var random = new Random(3);
        var batch = new UpdateBatch<CountingOperator>();
        for (int round = 0; round < 3; round++)
        {
            var visits = new List<int[]>();
            for (int i = 0; i < 300; i++)
            {
                int length = i % 50 == 0 ? 3 * ElementwiseUpdate.ChunkSize + 5 : random.Next(0, 4000);
                var counts = new int[length];
                var theta = new float[length];
                visits.Add(counts);
                batch.Add(new CountingOperator(counts, theta), new UpdateSlots(theta, new float[length]));
            }
            batch.Run();
            Assert.Equal(0, batch.Count);
            Assert.All(visits, counts => Assert.All(counts, v => Assert.Equal(1, v)));
        }
    }

    [Fact]
    public void ChunksCoverTheParameterExactlyOnce()
    {
        // Each element records how often it was visited; any overlap, gap or repeated chunk shows up as a count ≠ 1.
        // Two chunks; five; five and a ragged end; and enough for whole batches of a lane, stealing and a ragged end.
        int many = (((2 * WorkerPool.OwnerBatch) + 3) * ElementwiseUpdate.ChunkSize) + 5;
        foreach (int length in new[] { ElementwiseUpdate.ParallelThreshold, 5 * ElementwiseUpdate.ChunkSize, (5 * ElementwiseUpdate.ChunkSize) + 3, many })
        {
            var visits = new int[length];
            var theta = new float[length];
            ElementwiseUpdate.Run(new CountingOperator(visits, theta), new UpdateSlots(theta, new float[length]));
            Assert.All(visits, v => Assert.Equal(1, v));
        }
    }

    /// <summary>Counts each visit of an element, found from its address in θ.</summary>
    private readonly struct CountingOperator(int[] visits, float[] theta) : IUpdateOperator
    {
        public void Invoke(ref float t, float grad, ref float s0, ref float s1, ref float s2) => Visit(ref t, 1);

        public void Invoke<TLanes>(ref TLanes t, TLanes grad, ref TLanes s0, ref TLanes s1, ref TLanes s2)
            where TLanes : struct, ILanes<TLanes> =>
            Visit(ref Unsafe.As<TLanes, float>(ref t), Unsafe.SizeOf<TLanes>() / sizeof(float));

        private void Visit(ref float t, int count)
        {
            int first = (int)(Unsafe.ByteOffset(ref MemoryMarshal.GetArrayDataReference(theta), ref t) / sizeof(float));
            for (int i = first; i < first + count; i++)
            {
                Interlocked.Increment(ref visits[i]);
            }
        }
    }
}
