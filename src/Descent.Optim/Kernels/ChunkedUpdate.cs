using Descent.Kernels;

namespace Descent.Optim.Kernels;

/// <summary>
/// Runs an element-wise update over a parameter, on the calling thread when the parameter is small and split into
/// chunks across <see cref="WorkerPool.Shared"/> when it is large.
/// </summary>
/// <remarks>
/// Each element's update reads and writes only that element, and the fused kernels compute every element as their
/// scalar references do wherever a range starts or ends, so the result is bitwise the same for every thread count, every assignment of chunks to threads, and the serial
/// path. Nothing is allocated per call: the work is a struct parked in <see cref="ChunkSlot{TWork}"/>, and the pool's
/// threads are started once, at the first step of a parameter above the threshold.
/// </remarks>
internal static class ChunkedUpdate
{
    /// <summary>
    /// The most elements per chunk, the unit that threads claim (a thread runs up to <see cref="WorkerPool.OwnerBatch"/>
    /// of its own at once) and steal: 128 KiB of each buffer, large enough that claiming costs nothing against moving
    /// it, small enough that a late or preempted thread leaves little for the others to wait on.
    /// </summary>
    public const int MaxChunkSize = 1 << 15;

    /// <summary>The fewest elements per chunk: a parameter below twice this stays on the calling thread.</summary>
    public const int MinChunkSize = 2048;

    /// <summary>
    /// Parameters with fewer elements stay on the calling thread. A spinning helper takes a dispatch in about 0.1 µs;
    /// measured on 2 cores in the spam model's training loop, Adam's step over its 5,700-element weight took 2.6–3.8 µs
    /// on one thread and about half that split in two.
    /// </summary>
    public const int ParallelThreshold = 2 * MinChunkSize;

    /// <summary>
    /// Elements per chunk for a parameter of <paramref name="length"/> elements on <paramref name="threads"/> threads:
    /// one chunk per thread, in whole 64-byte lines, between <see cref="MinChunkSize"/> and <see cref="MaxChunkSize"/>.
    /// </summary>
    public static int ChunkSize(int length, int threads)
    {
        long perThread = ((long)length + threads - 1) / threads;
        return (int)Math.Clamp((perThread + 15) / 16 * 16, MinChunkSize, MaxChunkSize);
    }

    /// <summary>Runs <paramref name="work"/> over <paramref name="length"/> elements on up to <paramref name="maxThreads"/> threads.</summary>
    /// <param name="work">The update; its ranges must be independent (see <see cref="IChunkWork"/>).</param>
    /// <param name="length">The number of elements.</param>
    /// <param name="maxThreads">The most threads to use, the caller included; zero or less means every core.</param>
    public static void Run<TWork>(in TWork work, int length, int maxThreads)
        where TWork : struct, IChunkWork
    {
        // The length is checked first so that a process that never steps a large parameter never starts the pool.
        if (length < ParallelThreshold || maxThreads == 1)
        {
            work.Run(0, length);
            return;
        }
        WorkerPool pool = WorkerPool.Shared;
        int threads = maxThreads > 0 ? Math.Min(maxThreads, pool.HelperCount + 1) : pool.HelperCount + 1;
        if (threads < 2 || !pool.TryAcquire())
        {
            work.Run(0, length);
            return;
        }
        try
        {
            int chunkSize = ChunkSize(length, threads);
            ChunkSlot<TWork>.Park(work, length, chunkSize);
            pool.Run(ChunkSlot<TWork>.RunChunks, (int)(((long)length + chunkSize - 1) / chunkSize), threads);
        }
        finally
        {
            ChunkSlot<TWork>.Clear();
            pool.Release();
        }
    }

    /// <summary>The range of an optional buffer: empty when the update does not use it.</summary>
    public static Span<float> Slice(Memory<float> buffer, int start, int length) =>
        buffer.IsEmpty ? default : buffer.Span.Slice(start, length);
}
