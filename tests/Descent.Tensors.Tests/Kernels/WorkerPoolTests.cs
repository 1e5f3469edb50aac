using Descent.Kernels;

namespace Descent.Tensors.Tests.Kernels;

/// <summary>The zero-allocation worker pool behind the GEMM's splits and chunked optimizer steps.</summary>
public sealed class WorkerPoolTests
{
    [Fact]
    public void EveryChunkRunsExactlyOnceOverManyDispatches()
    {
        // More helpers than this machine may have cores, so that helpers wake late and race the next dispatch.
        var pool = new WorkerPool(helperCount: 3);
        var counts = new int[64];
        Action<int, int> body = (first, count) =>
        {
            for (int c = first; c < first + count; c++)
            {
                Interlocked.Increment(ref counts[c]);
            }
        };
        Assert.True(pool.TryAcquire());
        try
        {
            for (int dispatch = 0; dispatch < 3000; dispatch++)
            {
                int chunks = 1 + (dispatch * 7 % counts.Length);
                Array.Clear(counts);
                pool.Run(body, chunks, threads: 1 + (dispatch % 4));
                for (int c = 0; c < counts.Length; c++)
                {
                    Assert.True(counts[c] == (c < chunks ? 1 : 0), $"dispatch {dispatch}: chunk {c} of {chunks} ran {counts[c]} times");
                }
            }
        }
        finally
        {
            pool.Release();
        }
    }

    [Fact]
    public void AnExceptionInAChunkReachesTheCallerAfterTheOtherChunksRan()
    {
        var pool = new WorkerPool(helperCount: 2);
        var ran = new int[20];
        Assert.True(pool.TryAcquire());
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => pool.Run((first, count) =>
            {
                for (int c = first; c < first + count; c++)
                {
                    Interlocked.Increment(ref ran[c]);
                }
                if (first <= 7 && 7 < first + count)
                {
                    throw new InvalidOperationException("chunk 7");
                }
            }, ran.Length, threads: 3));
            Assert.Equal("chunk 7", e.Message);
            Assert.All(ran, r => Assert.Equal(1, r));

            // The pool is still usable.
            int total = 0;
            pool.Run((_, count) => Interlocked.Add(ref total, count), 10, threads: 3);
            Assert.Equal(10, total);
        }
        finally
        {
            pool.Release();
        }
    }

    [Fact]
    public void HelpersThatFellAsleepWakeForTheNextDispatch()
    {
        // Pauses far longer than the helpers' spin, so that every dispatch finds them blocked, alternating with
        // dispatches back to back, which find them spinning. A chunk waits until a helper has joined, so the
        // dispatch can only complete if a sleeping helper is woken.
        var pool = new WorkerPool(helperCount: 1);
        Assert.True(pool.TryAcquire());
        try
        {
            for (int round = 0; round < 6; round++)
            {
                Thread.Sleep(round % 2 == 0 ? 5 : 0);
                int helperChunks = 0;
                var helperJoined = new ManualResetEventSlim(false);
                pool.Run((first, count) =>
                {
                    if (Thread.CurrentThread.Name?.StartsWith("Descent worker", StringComparison.Ordinal) == true)
                    {
                        Interlocked.Add(ref helperChunks, count);
                        helperJoined.Set();
                    }
                    else
                    {
                        Assert.True(helperJoined.Wait(TimeSpan.FromSeconds(10)), $"round {round}: no helper joined the dispatch");
                    }
                }, 2, threads: 2);
                Assert.True(helperChunks >= 1, $"round {round}");
            }
        }
        finally
        {
            pool.Release();
        }
    }

    [Fact]
    public void OneThreadRunsItsLaneFrontToBackInBatches()
    {
        var pool = new WorkerPool(helperCount: 2);
        var calls = new List<(int First, int Count)>();
        Assert.True(pool.TryAcquire());
        try
        {
            pool.Run((first, count) => calls.Add((first, count)), (2 * WorkerPool.OwnerBatch) + 3, threads: 1);
        }
        finally
        {
            pool.Release();
        }
        Assert.Equal([(0, WorkerPool.OwnerBatch), (WorkerPool.OwnerBatch, WorkerPool.OwnerBatch), (2 * WorkerPool.OwnerBatch, 3)], calls);
    }

    [Fact]
    public void OnlyOneDispatchHoldsThePool()
    {
        var pool = new WorkerPool(helperCount: 1);
        Assert.True(pool.TryAcquire());
        Assert.False(pool.TryAcquire());
        pool.Release();
        Assert.True(pool.TryAcquire());
        pool.Release();
    }

    [Fact]
    public void AHelperThreadCannotTakeThePoolItRunsFor()
    {
        var pool = new WorkerPool(helperCount: 2);
        int fromHelper = 0;
        Assert.True(pool.TryAcquire());
        try
        {
            // A helper that reached a chunk would run a nested update inline rather than wait on its own pool.
            pool.Run((_, _) =>
            {
                if (Thread.CurrentThread.Name?.StartsWith("Descent worker", StringComparison.Ordinal) == true)
                {
                    if (pool.TryAcquire())
                    {
                        Interlocked.Increment(ref fromHelper);
                    }
                }
                Thread.Sleep(1);
            }, 40, threads: 3);
        }
        finally
        {
            pool.Release();
        }
        Assert.Equal(0, fromHelper);
    }
}
