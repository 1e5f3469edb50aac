using System.Runtime.ExceptionServices;

namespace Descent.Optim.Kernels;

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
/// Chunks are claimed dynamically: one 64-bit word holds the dispatch's generation (high half) and the next chunk
/// (low half), and a thread claims a chunk by compare-and-swap on the whole word. A helper that wakes late, after its
/// dispatch ended or while the next one is being set up, holds a stale word, so its swap fails and it claims
/// nothing; a chunk therefore runs exactly once. The caller claims chunks too, then waits until every chunk has
/// completed. Dynamic claiming keeps a busy machine from stalling the step on a helper that the OS has not scheduled:
/// the caller simply takes that helper's share.
/// </para>
/// </remarks>
internal sealed class WorkerPool
{
    // Marks a generation whose chunks are not open yet: no chunk index reaches it.
    private const int Closed = int.MaxValue;

    [ThreadStatic]
    private static bool t_isHelper;

    private readonly SemaphoreSlim[] _wake;
    private readonly long[] _helperAllocatedBytes;
    // Released once per dispatch, by whichever thread completes the last chunk; the caller waits on it once.
    private readonly SemaphoreSlim _done = new(0);
    private int _busy;

    // The current dispatch. Written only by the thread that holds the pool, before the claim word opens it.
    private Action<int>? _body;
    private int _chunkCount;
    private int _completed;
    private int _generation;
    private Exception? _failure;
    private long _claim = (long)Closed;

    /// <summary>Creates a pool and starts its <paramref name="helperCount"/> helper threads, which sleep until a dispatch.</summary>
    public WorkerPool(int helperCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(helperCount);
        _wake = new SemaphoreSlim[helperCount];
        _helperAllocatedBytes = new long[helperCount];
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
    /// Runs <paramref name="body"/> once for each chunk index in [0, <paramref name="chunkCount"/>) on the caller and
    /// up to <paramref name="threads"/> − 1 helpers, and returns when all have completed. The caller must hold the pool.
    /// </summary>
    /// <exception cref="Exception">The first exception a chunk threw, rethrown after every chunk has run.</exception>
    public void Run(Action<int> body, int chunkCount, int threads)
    {
        if (chunkCount <= 0)
        {
            return;
        }
        int generation = ++_generation;
        // Close the new generation before touching the fields a late helper may still read: its swap on the old
        // word now fails, whatever it read.
        Interlocked.Exchange(ref _claim, Pack(generation, Closed));
        _body = body;
        _chunkCount = chunkCount;
        _completed = 0;
        _failure = null;
        Volatile.Write(ref _claim, Pack(generation, 0));

        int helpers = Math.Min(Math.Min(threads, chunkCount) - 1, _wake.Length);
        for (int i = 0; i < helpers; i++)
        {
            _wake[i].Release();
        }
        RunChunks(helper: -1);
        _done.Wait();
        _body = null;
        if (_failure is { } failure)
        {
            _failure = null;
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private static long Pack(int generation, int chunk) => ((long)generation << 32) | (uint)chunk;

    /// <summary>Claims and runs chunks of the open dispatch until none is left; <paramref name="helper"/> is −1 on the caller.</summary>
    private void RunChunks(int helper)
    {
        while (true)
        {
            long claim = Volatile.Read(ref _claim);
            int chunk = (int)claim;
            if (chunk >= Volatile.Read(ref _chunkCount))
            {
                return;
            }
            if (Interlocked.CompareExchange(ref _claim, claim + 1, claim) != claim)
            {
                continue;
            }
            // The swap succeeded on an open word, so the dispatch that wrote _body is still waiting for this chunk.
            try
            {
                _body!(chunk);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            if (helper >= 0)
            {
                // Recorded before the chunk counts as completed, so the dispatch's caller sees it when Run returns.
                Volatile.Write(ref _helperAllocatedBytes[helper], GC.GetAllocatedBytesForCurrentThread());
            }
            if (Interlocked.Increment(ref _completed) == _chunkCount)
            {
                _done.Release();
            }
        }
    }

    private void HelperLoop(object? index)
    {
        t_isHelper = true;
        int helper = (int)index!;
        SemaphoreSlim wake = _wake[helper];
        while (true)
        {
            wake.Wait();
            RunChunks(helper);
        }
    }
}
