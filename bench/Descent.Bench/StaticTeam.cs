using System.Diagnostics;

namespace Descent.Bench;

/// <summary>
/// One thread per core with a fixed share of each job, as OpenMP's static schedule runs STREAM: the bandwidth
/// kernels use it so that every core really streams at once.
/// </summary>
/// <remarks>
/// <c>Parallel.For</c> would not do: it lets the calling thread take every range when a pool thread is slow to start,
/// and then measures one core. Here each range belongs to one thread and a job ends when all have finished. Between
/// jobs the helpers spin briefly, so that back-to-back runs find them awake as STREAM's do, then block, so that
/// they do not take a core from the optimizer steps timed in between.
/// </remarks>
internal sealed class StaticTeam
{
    // How long an idle helper spins for the next job before it blocks: long enough to bridge back-to-back runs,
    // short enough not to compete with an optimizer step timed right after a floor run.
    private static readonly TimeSpan SpinBeforeBlocking = TimeSpan.FromMicroseconds(100);

    private readonly SemaphoreSlim[] _wake;
    private readonly int[] _sleeping;
    private Action<int, int>? _job;
    private int _length;
    private int _generation;
    private int _remaining;

    private StaticTeam(int threads)
    {
        Threads = threads;
        _wake = new SemaphoreSlim[threads - 1];
        _sleeping = new int[threads - 1];
        for (int i = 0; i < _wake.Length; i++)
        {
            _wake[i] = new SemaphoreSlim(0);
            var thread = new Thread(HelperLoop) { IsBackground = true, Name = $"Bench team {i + 1}" };
            thread.Start(i);
        }
    }

    /// <summary>The team for this process: one thread per core, the caller included.</summary>
    public static StaticTeam Shared { get; } = new(BenchOptions.Threads);

    public int Threads { get; }

    /// <summary>Runs <paramref name="kernel"/>(lo, hi) over [0, <paramref name="length"/>) split into one range per thread.</summary>
    /// <remarks>Ranges start on 64-float boundaries so that no two threads write the same cache line.</remarks>
    public void Run(int length, Action<int, int> kernel)
    {
        _job = kernel;
        _length = length;
        Volatile.Write(ref _remaining, Threads - 1);
        Interlocked.Increment(ref _generation);
        for (int i = 0; i < _wake.Length; i++)
        {
            if (Volatile.Read(ref _sleeping[i]) == 1)
            {
                _wake[i].Release();
            }
        }
        RunShare(0);
        var spin = new SpinWait();
        while (Volatile.Read(ref _remaining) > 0)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
        _job = null;
    }

    private void RunShare(int t)
    {
        int lo = (int)((long)_length * t / Threads) & ~63;
        int hi = t == Threads - 1 ? _length : (int)((long)_length * (t + 1) / Threads) & ~63;
        _job!(lo, hi);
    }

    private void HelperLoop(object? index)
    {
        int i = (int)index!;
        int seen = 0;
        while (true)
        {
            long idleSince = Stopwatch.GetTimestamp();
            var spin = new SpinWait();
            while (Volatile.Read(ref _generation) == seen)
            {
                if (Stopwatch.GetElapsedTime(idleSince) < SpinBeforeBlocking)
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                // Announce the sleep, then look again: a job that started in between either sees the flag and
                // releases the semaphore, or is seen here. The exchange is a full fence, so the look cannot move
                // before the announcement.
                Interlocked.Exchange(ref _sleeping[i], 1);
                if (Volatile.Read(ref _generation) == seen)
                {
                    _wake[i].Wait();
                }
                Volatile.Write(ref _sleeping[i], 0);
            }
            seen = Volatile.Read(ref _generation);
            RunShare(i + 1);
            Interlocked.Decrement(ref _remaining);
        }
    }
}
