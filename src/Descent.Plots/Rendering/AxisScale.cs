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
            return;
        }
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic();
        Func<double, string> plain = ticks.LabelFormatter;
        ticks.LabelFormatter = v => TickLabel(v, plain);
        axis.TickGenerator = ticks;
    }

    /// <summary>
    /// A linear tick's label: ScottPlot's plain digits for ordinary sizes, an exponent for huge or tiny ones (a
    /// diverging run reaches 1E+37, which plain digits would print forty wide).
    /// </summary>
    internal static string TickLabel(double value, Func<double, string> plain)
    {
        double size = Math.Abs(value);
        return size == 0 || (size >= 1e-4 && size < 1e6)
            ? plain(value)
            : value.ToString("0.###E+0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
