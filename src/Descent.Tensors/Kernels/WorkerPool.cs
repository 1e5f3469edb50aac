using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Runtime.Intrinsics.X86;

namespace Descent.Kernels;

/// <summary>
/// A few pre-started threads that run the chunks of one dispatch together with the calling thread, allocating
/// nothing per dispatch.
/// </summary>
/// <remarks>
/// <para>
/// <c>Parallel.For</c> allocates on every call (its loop state, closures, task objects), which a training loop that
/// steps thousands of times would turn into steady garbage. This pool allocates only when it starts its threads,
/// once per process.
/// </para>
/// <para>
/// One dispatch at a time: <see cref="TryAcquire"/> takes the pool, <see cref="Run"/> dispatches, <see cref="Release"/>
/// gives it back. A caller that cannot take it (another thread is dispatching, or the caller is one of the pool's own
/// threads) runs its work inline, which gives the same result.
/// </para>
/// <para>
/// Chunks are handed out in lanes, one per thread of the dispatch: each thread first runs its own lane, a contiguous
/// run of chunks, front to back and <see cref="OwnerBatch"/> chunks per call, then takes single chunks from the backs
/// of the other lanes until none is left. Long contiguous runs keep each core streaming its own stretch of the
/// buffers; stealing keeps a busy machine from stalling the step on a helper that the OS has not scheduled, since
/// the caller takes its lane. Measured on 2 cores, 10M-element AdamW steps with both cores free: about 100 GB/s with
/// one shared counter handing out interleaved single chunks, about 118 GB/s with lanes of single chunks, 137–148 GB/s
/// with lanes run 4 chunks per call, 145–152 GB/s with 8 or 16 per call, and 151–155 GB/s for two fixed halves,
/// which would leave a late helper's half to wait for it.
/// </para>
/// <para>
/// A lane is one 64-bit word, the dispatch's generation with the lane's front and back chunk indices, and every
/// claim is a compare-and-swap of the whole word, so each chunk runs exactly once. A helper that wakes late, after
/// its dispatch ended or while the next one is being set up, holds a word of an old generation, so its swap fails and
/// it claims nothing of the wrong dispatch. The caller waits until every chunk has completed.
/// </para>
/// <para>
/// Hand-offs spin before they sleep. A helper that finishes its chunks watches for the next dispatch for
/// <see cref="SpinMicroseconds"/> before it blocks, and the caller watches for the last chunk to complete for as long
/// before it blocks: a training loop dispatches its large products and its optimizer step close behind each other,
/// and waking a sleeping thread costs 5–50 µs where a spinning one answers in about 0.1 µs (measured on 2 cores). An
/// idle process stops spinning after that time, so a pool costs nothing between bursts of work. Small work is not
/// dispatched at all (see the GEMM's and the chunked update's thresholds): on a shared machine whose second core was
/// busy, a spinning helper made the spam model's short steps a third slower.
/// </para>
/// </remarks>
internal sealed class WorkerPool
{
    /// <summary>The most chunks one dispatch may have.</summary>
    public const int MaxChunks = (1 << IndexBits) - 1;

    /// <summary>How many chunks of its own lane a thread claims and runs in one call.</summary>
    public const int OwnerBatch = 8;

    // A lane word: the generation in the high 26 bits, then the front and back chunk indices in 19 bits each.
    private const int IndexBits = 19;
    private const long IndexMask = (1L << IndexBits) - 1;
    private const int GenerationMask = (1 << (64 - (2 * IndexBits))) - 1;

    [ThreadStatic]
    private static bool t_isHelper;

    // How long a thread spins for the next dispatch (a helper) or for the last chunk (the caller) before it blocks.
    private const int SpinMicroseconds = 100;

    // Helper states: watching the lane words for a new generation, or blocked on its semaphore (or about to be).
    private const int Spinning = 0;
    private const int Sleeping = 1;

    private static readonly long s_spinTicks = Math.Max(1, Stopwatch.Frequency * SpinMicroseconds / 1_000_000);

    private readonly SemaphoreSlim[] _wake;
    private readonly int[] _helperStates;
    private readonly long[] _helperAllocatedBytes;
    private readonly long[] _lanes;
    // Released once per dispatch, by whichever thread completes the last chunk; the caller waits on it once.
    private readonly SemaphoreSlim _done = new(0);
    private int _busy;

    // The current dispatch. Written only by the thread that holds the pool, before the lane words open it.
    private Action<int, int>? _body;
    private int _chunkCount;
    private int _lanesInUse;
    private int _completed;
    private int _generation;
    private Exception? _failure;

    /// <summary>Creates a pool and starts its <paramref name="helperCount"/> helper threads, which spin briefly and then sleep until a dispatch.</summary>
    public WorkerPool(int helperCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(helperCount);
        _wake = new SemaphoreSlim[helperCount];
        _helperStates = new int[helperCount];
        _helperAllocatedBytes = new long[helperCount];
        _lanes = new long[helperCount + 1];
        for (int i = 0; i < helperCount; i++)
        {
            _wake[i] = new SemaphoreSlim(0);
        }
        for (int i = 0; i < helperCount; i++)
        {
            var thread = new Thread(HelperLoop) { IsBackground = true, Name = $"Descent worker {i + 1}" };
            thread.Start(i);
        }
    }

    /// <summary>The process's pool: one helper per core beyond the caller's, started when first used.</summary>
    public static WorkerPool Shared { get; } = new(Math.Max(0, Environment.ProcessorCount - 1));

    /// <summary>The number of helper threads; a dispatch uses at most this many plus the caller.</summary>
    public int HelperCount => _wake.Length;

    /// <summary>
    /// The managed bytes the helper threads have allocated since they started, as of their last completed chunk:
    /// lets tests check that a dispatch allocates nothing on the helpers either.
    /// </summary>
    public long HelperAllocatedBytes
    {
        get
        {
            long sum = 0;
            for (int i = 0; i < _helperAllocatedBytes.Length; i++)
            {
                sum += Volatile.Read(ref _helperAllocatedBytes[i]);
            }
            return sum;
        }
    }

    /// <summary>Takes the pool for one dispatch; false when it is taken or the caller is one of its threads.</summary>
    public bool TryAcquire() => !t_isHelper && Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    /// <summary>Gives the pool back after <see cref="TryAcquire"/> returned true.</summary>
    public void Release() => Volatile.Write(ref _busy, 0);

    /// <summary>
    /// Runs every chunk in [0, <paramref name="chunkCount"/>) exactly once, as calls <paramref name="body"/>(first,
    /// count) over runs of consecutive chunks, on the caller and up to <paramref name="threads"/> − 1 helpers, and
    /// returns when all have completed. The caller must hold the pool.
    /// </summary>
    /// <exception cref="Exception">
    /// The first exception a call of <paramref name="body"/> threw, rethrown once every chunk has been claimed and every
    /// call has returned (the rest of a run whose call threw is left undone).
    /// </exception>
    public void Run(Action<int, int> body, int chunkCount, int threads)
    {
        if (chunkCount <= 0)
        {
            return;
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkCount, MaxChunks);
        int lanes = Math.Clamp(Math.Min(threads, chunkCount), 1, _lanes.Length);
        int generation = _generation = (_generation + 1) & GenerationMask;
        _body = body;
        _chunkCount = chunkCount;
        _lanesInUse = lanes;
        _completed = 0;
        _failure = null;
        // The lane words go last: a helper that reads one of this generation sees the fields above. Lanes beyond
        // this dispatch's threads are left empty.
        for (int t = 0; t < _lanes.Length; t++)
        {
            int front = t < lanes ? (int)((long)chunkCount * t / lanes) : 0;
            int back = t < lanes ? (int)((long)chunkCount * (t + 1) / lanes) : 0;
            Volatile.Write(ref _lanes[t], Pack(generation, front, back));
        }
        // Spinning helpers see the lane words; sleeping ones are woken, each by whoever flips its state back.
        for (int i = 0; i < lanes - 1; i++)
        {
            if (Interlocked.CompareExchange(ref _helperStates[i], Spinning, Sleeping) == Sleeping)
            {
                _wake[i].Release();
            }
        }
        RunChunks(lane: 0, helper: -1);
        if (Volatile.Read(ref _completed) != chunkCount)
        {
            long start = Stopwatch.GetTimestamp();
            for (int spin = 1; Volatile.Read(ref _completed) != chunkCount; spin++)
            {
                Pause();
                if (spin % 64 == 0 && Stopwatch.GetTimestamp() - start > s_spinTicks)
                {
                    break;
                }
            }
        }
        // The last chunk's thread releases _done once per dispatch, so this returns at once when the spin saw it.
        _done.Wait();
        _body = null;
        if (_failure is { } failure)
        {
            _failure = null;
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private static long Pack(int generation, int front, int back) =>
        ((long)generation << (2 * IndexBits)) | ((long)front << IndexBits) | (uint)back;

    /// <summary>
    /// Runs chunks of the open dispatch until none is left: those of <paramref name="lane"/> from its front, then
    /// those of the other lanes from their backs. <paramref name="helper"/> is −1 on the caller.
    /// </summary>
    private void RunChunks(int lane, int helper)
    {
        int first;
        int count;
        while ((count = TryClaim(lane, steal: false, out first)) > 0)
        {
            RunClaimed(first, count, helper);
        }
        for (int k = 1; k < _lanes.Length; k++)
        {
            int other = (lane + k) % _lanes.Length;
            while ((count = TryClaim(other, steal: true, out first)) > 0)
            {
                RunClaimed(first, count, helper);
            }
        }
    }

    /// <summary>
    /// Claims up to <see cref="OwnerBatch"/> chunks at the front of <paramref name="lane"/>, or, to
    /// <paramref name="steal"/>, one chunk at its back; returns how many (0 when the lane is empty) and the first in
    /// <paramref name="first"/>.
    /// </summary>
    private int TryClaim(int lane, bool steal, out int first)
    {
        while (true)
        {
            long word = Volatile.Read(ref _lanes[lane]);
            int front = (int)((word >> IndexBits) & IndexMask);
            int back = (int)(word & IndexMask);
            if (front >= back)
            {
                first = -1;
                return 0;
            }
            int count = steal ? 1 : Math.Min(OwnerBatch, back - front);
            long claimed = steal ? word - 1 : word + ((long)count << IndexBits);
            if (Interlocked.CompareExchange(ref _lanes[lane], claimed, word) == word)
            {
                first = steal ? back - 1 : front;
                return count;
            }
        }
    }

    private void RunClaimed(int first, int count, int helper)
    {
        // The swap that claimed the chunks succeeded on a word of the open dispatch, so that dispatch, whose _body
        // this reads, is still waiting for them.
        try
        {
            _body!(first, count);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, e, null);
        }
        if (helper >= 0)
        {
            // Recorded before the chunks count as completed, so the dispatch's caller sees it when Run returns.
            Volatile.Write(ref _helperAllocatedBytes[helper], GC.GetAllocatedBytesForCurrentThread());
        }
        if (Interlocked.Add(ref _completed, count) == _chunkCount)
        {
            _done.Release();
        }
    }

    private void HelperLoop(object? index)
    {
        t_isHelper = true;
        int helper = (int)index!;
        int lane = helper + 1;
        SemaphoreSlim wake = _wake[helper];
        int seen = Generation(Volatile.Read(ref _lanes[lane]));
        while (true)
        {
            if (!SpinForDispatch(lane, seen))
            {
                // Announce the sleep, then look once more: a dispatch opened before the announcement was visible
                // would not wake this thread. If the caller flipped the state back first, its Release must be taken.
                // The exchange is a full fence, as the caller's compare-and-swap after its lane writes is.
                Interlocked.Exchange(ref _helperStates[helper], Sleeping);
                if (Generation(Volatile.Read(ref _lanes[lane])) == seen
                    || Interlocked.CompareExchange(ref _helperStates[helper], Spinning, Sleeping) != Sleeping)
                {
                    wake.Wait();
                }
            }
            seen = Generation(Volatile.Read(ref _lanes[lane]));
            // A spinning helper sees every dispatch, but joins only those that asked for its lane: a dispatch on
            // fewer threads must run on no more.
            if (lane < Volatile.Read(ref _lanesInUse))
            {
                RunChunks(lane, helper);
            }
        }
    }

    /// <summary>Watches <paramref name="lane"/> for a generation other than <paramref name="seen"/>; false when the spin time ran out first.</summary>
    private bool SpinForDispatch(int lane, int seen)
    {
        long start = Stopwatch.GetTimestamp();
        for (int spin = 1; ; spin++)
        {
            if (Generation(Volatile.Read(ref _lanes[lane])) != seen)
            {
                return true;
            }
            Pause();
            if (spin % 64 == 0 && Stopwatch.GetTimestamp() - start > s_spinTicks)
            {
                return false;
            }
        }
    }

    private static int Generation(long word) => (int)(word >> (2 * IndexBits));

    private static void Pause()
    {
        if (X86Base.IsSupported)
        {
            X86Base.Pause();
        }
        else
        {
            Thread.SpinWait(1);
        }
    }
}
