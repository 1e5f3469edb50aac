using ScottPlot;

namespace Descent.Plots.Rendering;

/// <summary>
/// Linear or base-10 log placement of values on one axis. ScottPlot 5 has no log axis of its own: a log axis plots
/// log10 of the data and labels its ticks with the original values.
/// </summary>
internal sealed class AxisScale
{
    private AxisScale(bool isLog) => IsLog = isLog;

    /// <summary>Values go where they are.</summary>
    public static AxisScale Linear { get; } = new(false);

    /// <summary>Values go at their base-10 logarithm.</summary>
    public static AxisScale Log { get; } = new(true);

    /// <summary>Whether this is a log axis.</summary>
    public bool IsLog { get; }

    /// <summary>Picks <see cref="Log"/> or <see cref="Linear"/>.</summary>
    public static AxisScale From(bool log) => log ? Log : Linear;

    /// <summary>The plot coordinate of one data value.</summary>
    public double Map(double value) => IsLog ? Math.Log10(value) : value;

    /// <summary>The plot coordinates of the data values.</summary>
    public double[] Map(IReadOnlyList<double> values)
    {
        var mapped = new double[values.Count];
        for (int i = 0; i < mapped.Length; i++)
        {
            mapped[i] = Map(values[i]);
        }
        return mapped;
    }

    /// <summary>Gives <paramref name="axis"/> the ticks that suit this scale.</summary>
    public void Apply(IAxis axis)
    {
        if (IsLog)
        {
            axis.TickGenerator = new LogTickGenerator();
        }
    }
}
