namespace Descent.Bench;

/// <summary>The timed repetitions of one case, in seconds; the report uses the median.</summary>
internal sealed class Sample
{
    private readonly double[] _sorted;

    public Sample(IEnumerable<double> seconds)
    {
        _sorted = [.. seconds.Order()];
        if (_sorted.Length == 0)
        {
            throw new ArgumentException("A sample needs at least one repetition.", nameof(seconds));
        }
    }

    /// <summary>The median: robust to the odd repetition that another process slowed down.</summary>
    public double Median => _sorted.Length % 2 == 1
        ? _sorted[_sorted.Length / 2]
        : (_sorted[(_sorted.Length / 2) - 1] + _sorted[_sorted.Length / 2]) / 2;

    public double Min => _sorted[0];

    public double Max => _sorted[^1];

    public int Count => _sorted.Length;

    /// <summary>Every repetition divided by <paramref name="divisor"/>: per call, when a repetition made several.</summary>
    public Sample PerCall(int divisor) => new(_sorted.Select(s => s / divisor));
}
