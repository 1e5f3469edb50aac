using System.Globalization;

namespace Descent.Training;

/// <summary>
/// A real-valued hyperparameter in [<see cref="RangeParameter{T}.Lower"/>, <see cref="RangeParameter{T}.Upper"/>],
/// searched uniformly or, with <see cref="RangeParameter{T}.LogScale"/>, uniformly in its logarithm (paradox's
/// <c>p_dbl(logscale = TRUE)</c>), the scale for learning rates and weight decays, whose useful values span orders
/// of magnitude.
/// </summary>
public sealed class NumericRange : RangeParameter<double>
{
    /// <summary>Creates the range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Bounds that are not finite, a lower bound not below the upper, or a log scale with a bound not above 0.</exception>
    public NumericRange(string name, double lower, double upper, bool logScale = false)
        : base(name, lower, upper, logScale)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper) || !(lower < upper))
        {
            throw new ArgumentOutOfRangeException(nameof(upper), upper,
                string.Create(CultureInfo.InvariantCulture, $"'{name}': the range needs finite bounds with lower < upper, got [{lower}, {upper}]."));
        }
        if (logScale && !(lower > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(lower), lower,
                string.Create(CultureInfo.InvariantCulture, $"'{name}': a log-scale range needs a positive lower bound, got {lower}."));
        }
    }

    /// <inheritdoc/>
    public override object Sample(Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        double u = generator.NextDouble();
        double value = LogScale ? Math.Exp(Math.Log(Lower) + u * (Math.Log(Upper) - Math.Log(Lower))) : Lower + u * (Upper - Lower);
        return Math.Clamp(value, Lower, Upper);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<object> Grid(int resolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 1);
        IEnumerable<double> values = LogScale
            ? Spaced(Math.Log(Lower), Math.Log(Upper), resolution).Select((v, i) => i == 0 ? Lower : i == resolution - 1 ? Upper : Math.Exp(v))
            : Spaced(Lower, Upper, resolution);
        return values.Cast<object>().ToArray();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} in [{Lower:G6}, {Upper:G6}]{(LogScale ? " (log scale)" : "")}");
}
