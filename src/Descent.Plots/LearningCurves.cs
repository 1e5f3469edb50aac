using Descent.Plots.Rendering;
using ScottPlot;
using ScottPlot.Plottables;

namespace Descent.Plots;

/// <summary>
/// Per-epoch curves of one measure for several configurations, each run with several seeds: the mean over seeds
/// as a line and the spread over seeds as a shaded band of the same colour.
/// </summary>
/// <example>
/// <code>
/// var figure = new LearningCurves("SGD on spam", "train log loss",
///     [new CurveSeries("lr = 0.1", lossesBySeed01), new CurveSeries("lr = 0.01", lossesBySeed001)], logY: true);
/// figure.SavePng("curves.png");
/// </code>
/// </example>
public sealed class LearningCurves : Figure
{
    // Beyond this many epochs, markers on every epoch merge into a thick line.
    private const int MaxEpochsWithMarkers = 40;

    private readonly CurveSummary[] _summaries;
    private readonly bool[] _diverged;

    /// <summary>Creates the figure and computes the mean and band of every series.</summary>
    /// <param name="title">The figure's title.</param>
    /// <param name="measure">The y-axis label: the measure the values are, e.g. <c>train log loss</c>.</param>
    /// <param name="series">One series per configuration, drawn in the palette's order.</param>
    /// <param name="band">What the shaded band shows; the legend says which.</param>
    /// <param name="logY">Whether the y axis is logarithmic; then every value must be positive.</param>
    /// <param name="firstEpoch">The number of the first epoch on the x axis.</param>
    /// <remarks>
    /// On a log axis a standard-deviation band can reach zero or below; its lower edge is then drawn at the lowest
    /// run of that epoch, which is positive, instead.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// No series; a series without runs, with an empty run or with runs of different lengths; two series with the
    /// same label; a NaN or infinite value; a value that is not positive on a log axis.
    /// </exception>
    public LearningCurves(
        string title,
        string measure,
        IReadOnlyList<CurveSeries> series,
        CurveBand band = CurveBand.MinMax,
        bool logY = false,
        int firstEpoch = 1)
        : base(title)
    {
        Check.NotBlank(measure, nameof(measure));
        Check.NotEmpty(series, nameof(series), "series");
        foreach (CurveSeries s in series)
        {
            Validate(s, logY, nameof(series));
        }
        Check.DistinctLabels(series.Select(s => s.Label), nameof(series));
        Measure = measure;
        Band = band;
        LogY = logY;
        FirstEpoch = firstEpoch;
        _summaries = series.Select(s => Summarize(s, band, logY)).ToArray();
        _diverged = series.Select(s => s.Diverged).ToArray();
    }

    /// <summary>The y-axis label.</summary>
    public string Measure { get; }

    /// <summary>What the shaded bands show.</summary>
    public CurveBand Band { get; }

    /// <summary>Whether the y axis is logarithmic.</summary>
    public bool LogY { get; }

    /// <summary>The number of the first epoch.</summary>
    public int FirstEpoch { get; }

    /// <summary>Which series end in a divergence mark, in the given order.</summary>
    public IReadOnlyList<bool> Diverged => _diverged;

    /// <summary>The numbers the figure draws, one summary per series in the given order.</summary>
    internal IReadOnlyList<CurveSummary> Summaries => _summaries;

    /// <summary>The mean and band edges of one series, per epoch.</summary>
    internal static CurveSummary Summarize(CurveSeries series, CurveBand band, bool logY)
    {
        int runs = series.Runs.Count;
        int epochs = series.Runs[0].Length;
        var mean = new double[epochs];
        var lower = new double[epochs];
        var upper = new double[epochs];
        for (int e = 0; e < epochs; e++)
        {
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (double[] run in series.Runs)
            {
                sum += run[e];
                min = Math.Min(min, run[e]);
                max = Math.Max(max, run[e]);
            }
            double m = sum / runs;
            mean[e] = m;
            if (band == CurveBand.MinMax)
            {
                lower[e] = min;
                upper[e] = max;
                continue;
            }
            double squares = 0;
            foreach (double[] run in series.Runs)
            {
                squares += (run[e] - m) * (run[e] - m);
            }
            double sd = runs > 1 ? Math.Sqrt(squares / (runs - 1)) : 0;
            lower[e] = logY && m - sd <= 0 ? min : m - sd;
            upper[e] = m + sd;
        }
        return new CurveSummary(series.Label, runs, mean, lower, upper);
    }

    private protected override IReadOnlyList<FigurePanel> CreatePanels()
    {
        Plot plot = FigureStyle.CreatePlot();
        AxisScale y = AxisScale.From(LogY);
        for (int i = 0; i < _summaries.Length; i++)
        {
            CurveSummary s = _summaries[i];
            Color color = FigureStyle.SeriesColor(i);
            double[] xs = Enumerable.Range(FirstEpoch, s.Mean.Length).Select(e => (double)e).ToArray();
            if (s.RunCount > 1)
            {
                FillY fill = plot.Add.FillY(xs, y.Map(s.Lower), y.Map(s.Upper));
                fill.FillColor = color.WithAlpha(0.18);
                fill.LineWidth = 0;
                fill.LegendText = string.Empty;
            }
            float dots = s.Mean.Length <= MaxEpochsWithMarkers ? 5 : 0;
            double[] ys = y.Map(s.Mean);
            FigureStyle.AddSeries(plot, xs, ys, i, SeriesLegend(s), dots);
            if (_diverged[i])
            {
                Marker cross = plot.Add.Marker(xs[^1], ys[^1], MarkerShape.Cross, 14, color);
                cross.MarkerLineWidth = 2.5f;
            }
        }
        if (_diverged.Any(d => d))
        {
            FigureStyle.AddMarkerKey(plot, "diverged: the next epoch's loss was not finite", MarkerShape.Cross, 12);
        }
        if (_summaries.Any(s => s.RunCount > 1))
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = BandLegend(),
                FillColor = FigureStyle.Ink.WithAlpha(0.18),
                LineWidth = 0,
            });
        }

        plot.Title(Title);
        plot.XLabel("epoch");
        plot.YLabel(Measure);
        y.Apply(plot.Axes.Left);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        FigureStyle.ShowLegendOutside(plot);
        return [new FigurePanel(plot)];
    }

    private string SeriesLegend(CurveSummary s)
    {
        bool sameCount = _summaries.All(o => o.RunCount == _summaries[0].RunCount);
        string what = s.RunCount == 1 ? "1 run" : $"mean of {s.RunCount} seeds";
        return sameCount ? s.Label : $"{s.Label} ({what})";
    }

    private string BandLegend()
    {
        string spread = Band == CurveBand.MinMax ? "min–max" : "mean ± 1 sd";
        bool sameCount = _summaries.All(o => o.RunCount == _summaries[0].RunCount);
        return sameCount
            ? $"line: mean, band: {spread} of {_summaries[0].RunCount} seeds"
            : $"band: {spread} over seeds";
    }

    private static void Validate(CurveSeries s, bool logY, string paramName)
    {
        Check.Series(s, x => x.Label, x => x.Runs?.Count, "series", l => $"Series '{l}' has no runs; it needs at least one.", paramName);
        for (int r = 0; r < s.Runs.Count; r++)
        {
            double[]? run = s.Runs[r];
            string where = $"Series '{s.Label}', run {r}";
            if (run is null || run.Length == 0)
            {
                throw new ArgumentException($"{where} has no epochs; every run needs at least one value.", paramName);
            }
            if (run.Length != s.Runs[0].Length)
            {
                throw new ArgumentException(
                    $"{where} has {run.Length} epochs but run 0 has {s.Runs[0].Length}; "
                    + "the runs of one series must have the same length.",
                    paramName);
            }
            Check.Plottable(run, logY, paramName, where, "epoch index");
        }
    }
}
