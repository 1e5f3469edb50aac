namespace Descent.Bench;

/// <summary>
/// The bandwidth floor measured alongside each optimizer step: the update kernel (a = s·a, plain and with prefetch,
/// the better of the two) over an array far larger than the caches, run right before every timed step.
/// </summary>
/// <remarks>
/// On this kind of shared machine the bandwidth left to one process drifts from second to second, and on 2 virtual
/// cores it even jumps between two levels, one core's worth and two cores' worth, as the host lets the second core
/// run or not. A floor measured a minute, or even a second, before a step can therefore be off by a factor of two.
/// Pairing every step with a floor run milliseconds before it, and taking the median of the per-pair ratios, compares
/// each step with the machine as it was at that moment. The update kernel is the one that reads and writes the same
/// lines, as an optimizer's state does.
/// </remarks>
internal sealed class FloorProbe
{
    private readonly float[] _a;
    private readonly Action _plain;
    private readonly Action _prefetch;

    public FloorProbe(int elements)
    {
        _a = new float[elements];
        Bandwidth.ForRanges(elements, (lo, hi) => _a.AsSpan(lo, hi - lo).Fill(1f));
        // Scaling by 1 keeps the values where they are, so that thousands of runs never reach denormals.
        _plain = () => Bandwidth.ForRanges(elements, (lo, hi) => Bandwidth.Scale(_a, 1f, lo, hi, prefetch: false));
        _prefetch = () => Bandwidth.ForRanges(elements, (lo, hi) => Bandwidth.Scale(_a, 1f, lo, hi, prefetch: true));
    }

    /// <summary>Runs both variants once untimed, for the JIT and the page tables.</summary>
    public void WarmUp()
    {
        _plain();
        _prefetch();
    }

    /// <summary>One floor sample: the better rate of the two variants, in GB/s (8 bytes per element).</summary>
    public double MeasureGBps()
    {
        double seconds = Math.Min(Timing.Once(_plain), Timing.Once(_prefetch));
        return 8.0 * _a.Length / seconds / 1e9;
    }
}
