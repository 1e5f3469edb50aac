using Descent.Plots.Rendering;
using ScottPlot;
using ScottPlot.Plottables;

namespace Descent.Plots;

/// <summary>Time per optimization step against batch size, one line per series, on log–log axes by default.</summary>
public sealed class StepTimePlot : Figure
{
    /// <summary>Creates the figure.</summary>
    /// <param name="title">The figure's title.</param>
    /// <param name="series">The timed series, drawn in the palette's order.</param>
    /// <param name="yLabel">The y-axis label, which names the unit of the times.</param>
    /// <param name="logY">Whether the time axis is logarithmic; then every time must be positive.</param>
    /// <exception cref="ArgumentException">
    /// No series; one without points or with lists of different lengths; two with the same label; a batch size
    /// below 1; a NaN or infinite time; a time that is not positive on a log axis.
    /// </exception>
    public StepTimePlot(
        string title, IReadOnlyList<StepTimeSeries> series, string yLabel = "time per step (ms)", bool logY = true)
        : base(title)
    {
        Check.NotEmpty(series, nameof(series), "series");
        Check.NotBlank(yLabel, nameof(yLabel));
        foreach (StepTimeSeries s in series)
        {
            Validate(s, logY, nameof(series));
        }
        Check.DistinctLabels(series.Select(s => s.Label), nameof(series));
        // Copies, so that changing the caller's arrays later cannot slip unchecked values into the figure.
        Series = series.Select(s => new StepTimeSeries(s.Label, s.BatchSizes.ToArray(), s.Times.ToArray())).ToArray();
        YLabel = yLabel;
        LogY = logY;
    }

    /// <summary>The series, in drawing order.</summary>
    public IReadOnlyList<StepTimeSeries> Series { get; }

    /// <summary>The y-axis label.</summary>
    public string YLabel { get; }

    /// <summary>Whether the time axis is logarithmic.</summary>
    public bool LogY { get; }

    private protected override IReadOnlyList<FigurePanel> CreatePanels()
    {
        Plot plot = FigureStyle.CreatePlot();
        AxisScale x = AxisScale.Log;
        AxisScale y = AxisScale.From(LogY);
        for (int i = 0; i < Series.Count; i++)
        {
            StepTimeSeries s = Series[i];
            double[] xs = x.Map(s.BatchSizes.Select(b => (double)b).ToArray());
            FigureStyle.AddSeries(plot, xs, y.Map(s.Times), i, s.Label, dotSize: 7);
        }
        plot.Title(Title);
        plot.XLabel("batch size");
        plot.YLabel(YLabel);
        x.Apply(plot.Axes.Bottom);
        y.Apply(plot.Axes.Left);
        FigureStyle.ShowLegendOutside(plot);
        return [new FigurePanel(plot)];
    }

    private static void Validate(StepTimeSeries s, bool logY, string paramName)
    {
        Check.Series(s, x => x.Label, x => x.BatchSizes?.Count, "series", l => $"Series '{l}' has no points; it needs at least one.", paramName);
        if (s.Times is null)
        {
            throw new ArgumentException($"Series '{s.Label}' has no times.", paramName);
        }
        Check.SameLength(s.BatchSizes.Count, s.Times.Count, paramName, $"Series '{s.Label}', times");
        Check.BatchSizes(s.BatchSizes, paramName, $"Series '{s.Label}', batch size");
        Check.Plottable(s.Times, logY, paramName, $"Series '{s.Label}', time", "point");
    }
}
