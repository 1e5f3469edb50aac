namespace Descent.Training;

/// <summary>
/// An integer hyperparameter in [<see cref="RangeParameter{T}.Lower"/>, <see cref="RangeParameter{T}.Upper"/>]
/// (epochs, layer sizes, batch sizes), searched uniformly or, with <see cref="RangeParameter{T}.LogScale"/>,
/// uniformly in its logarithm.
/// </summary>
public sealed class IntegerRange : RangeParameter<int>
{
    /// <summary>Creates the range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A lower bound above the upper, or a log scale with a lower bound below 1.</exception>
    public IntegerRange(string name, int lower, int upper, bool logScale = false)
        : base(name, lower, upper, logScale)
    {
        if (lower > upper)
        {
            throw new ArgumentOutOfRangeException(nameof(upper), upper, $"'{name}': the range needs lower <= upper, got [{lower}, {upper}].");
        }
        if (logScale && lower < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(lower), lower, $"'{name}': a log-scale range needs a lower bound of at least 1, got {lower}.");
        }
    }

    /// <inheritdoc/>
    public override object Sample(Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!LogScale)
        {
            return (int)generator.NextInt64(Lower, (long)Upper + 1);
        }
        // Uniform in log over [lower, upper + 1), floored, gives each integer the log-width of its unit interval.
        double log = Math.Log(Lower) + generator.NextDouble() * (Math.Log(Upper + 1.0) - Math.Log(Lower));
        return (int)Math.Clamp(Math.Floor(Math.Exp(log)), Lower, Upper);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<object> Grid(int resolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 1);
        double[] points = LogScale ? Spaced(Math.Log(Lower), Math.Log(Upper), resolution).Select(Math.Exp).ToArray() : Spaced(Lower, Upper, resolution);
        return points.Select(p => (int)Math.Clamp(Math.Round(p), Lower, Upper)).Distinct().Cast<object>().ToArray();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} in {{{Lower}, …, {Upper}}}{(LogScale ? " (log scale)" : "")}";
}
