using Descent.Kernels;

namespace Descent.Optim.Kernels;

/// <summary>
/// Where <see cref="ChunkedUpdate"/> parks the work of the current dispatch for the pool's threads: one static slot
/// per work type, so the struct is never boxed, and one delegate per work type, created once.
/// </summary>
/// <remarks>
/// Only the thread that holds <see cref="WorkerPool.Shared"/> writes a slot, and the pool's dispatch publishes the
/// write to its helpers, so the slot needs no lock of its own.
/// </remarks>
internal static class ChunkSlot<TWork>
    where TWork : struct, IChunkWork
{
    private static TWork s_work;
    private static int s_length;

    /// <summary>
    /// Runs chunks <c>first</c> to <c>first + count − 1</c> of the parked work in one call: elements
    /// [first·<see cref="ChunkedUpdate.ChunkSize"/>, (first + count)·<see cref="ChunkedUpdate.ChunkSize"/>), cut at the end.
    /// </summary>
    public static readonly Action<int, int> RunChunks = static (first, count) =>
    {
        int start = first * ChunkedUpdate.ChunkSize;
        s_work.Run(start, (int)Math.Min((long)count * ChunkedUpdate.ChunkSize, s_length - start));
    };

    /// <summary>Parks <paramref name="work"/> over <paramref name="length"/> elements for the next dispatch.</summary>
    public static void Park(in TWork work, int length)
    {
        s_work = work;
        s_length = length;
    }

    /// <summary>Drops the parked work, so that the slot does not keep a parameter's buffers alive.</summary>
    public static void Clear() => s_work = default;
}
