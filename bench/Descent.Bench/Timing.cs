using System.Diagnostics;

namespace Descent.Bench;

/// <summary>Wall-clock timing with a <see cref="Stopwatch"/>: warm-up runs, then the median of timed repetitions.</summary>
/// <remarks>
/// A plain stopwatch rather than BenchmarkDotNet, because each case is compared with PyTorch timed the same way in
/// the same run, and the cases (optimizer steps over hundreds of megabytes, whole training runs) are long enough
/// that timer resolution and call overhead do not matter.
/// </remarks>
internal static class Timing
{
    /// <summary>
    /// Runs <paramref name="action"/> <paramref name="warmup"/> times untimed, and on until
    /// <paramref name="minWarmupSeconds"/> have passed, then <paramref name="repetitions"/> times timed.
    /// </summary>
    /// <remarks>
    /// The time floor is for the JIT: a method starts unoptimized and is recompiled with full optimization only after
    /// 30 calls and a pause of 100 ms in new compilations, in the background. A few slow warm-up steps could end
    /// before that, and the timed ones would then measure unoptimized kernels.
    /// </remarks>
    public static Sample Measure(Action action, int warmup, int repetitions, double minWarmupSeconds = 0)
    {
        WarmUp(action, warmup, minWarmupSeconds);
        var seconds = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
        {
            seconds[i] = Once(action);
        }
        return new Sample(seconds);
    }

    /// <summary>The untimed part of <see cref="Measure"/>.</summary>
    public static void WarmUp(Action action, int warmup, double minWarmupSeconds)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < warmup || (Stopwatch.GetElapsedTime(start).TotalSeconds < minWarmupSeconds && i < 10_000); i++)
        {
            action();
        }
    }

    /// <summary>The seconds one call of <paramref name="action"/> takes.</summary>
    public static double Once(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>
    /// How many calls of <paramref name="action"/> take at least <paramref name="targetSeconds"/>: short cases are
    /// repeated inside one timed repetition so that each repetition is long against the timer.
    /// </summary>
    public static int Calibrate(Action action, double targetSeconds)
    {
        action();
        int iterations = 1;
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < iterations; i++)
            {
                action();
            }
            double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (elapsed >= targetSeconds || iterations >= 1 << 24)
            {
                return iterations;
            }
            iterations = elapsed <= 0 ? iterations * 16 : (int)Math.Min(1 << 24, Math.Max(iterations * 2, iterations * targetSeconds / elapsed * 1.1));
        }
    }
}
