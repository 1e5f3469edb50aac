using Descent.Kernels;

namespace Descent.Optim.Kernels;

/// <summary>
/// Runs an element-wise update over a parameter, on the calling thread when the parameter is small and split into
/// fixed chunks across <see cref="WorkerPool.Shared"/> when it is large.
/// </summary>
/// <remarks>
/// Each element's update reads and writes only that element, and the chunk boundaries depend on the length alone,
/// so the result is bitwise the same for every thread count, every assignment of chunks to threads, and the serial
/// path. Nothing is allocated per call: the work is a struct parked in <see cref="ChunkSlot{TWork}"/>, and the pool's
/// threads are started once, at the first step of a parameter above the threshold.
/// </remarks>
internal static class ChunkedUpdate
{
    /// <summary>
    /// Elements per chunk, the unit that threads claim (a thread runs up to <see cref="WorkerPool.OwnerBatch"/> of its
    /// own at once) and steal: 128 KiB of each buffer, large enough that claiming costs nothing against moving it,
    /// small enough that a late or preempted thread leaves little for the others to wait on.
    /// </summary>
    public const int ChunkSize = 1 << 15;

    /// <summary>
    /// Parameters with fewer elements stay on the calling thread. Measured on 2 cores: an AdamW step over this many
    /// elements takes about 20 µs on one thread; a helper that is awake halves that, and one that the OS has not
    /// scheduled yet costs the caller about 1 µs, the wake-up call, since the caller claims the chunks itself. Smaller
    /// steps were tried: the spam model's 5,700-element Adam step split in two ran 1–2 µs faster while the second core
    /// was free, but whole training steps then ran a third slower while this shared machine's second core was busy.
    /// </summary>
    public const int ParallelThreshold = 2 * ChunkSize;

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
            ChunkSlot<TWork>.Park(work, length);
            pool.Run(ChunkSlot<TWork>.RunChunks, (int)(((long)length + ChunkSize - 1) / ChunkSize), threads);
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
