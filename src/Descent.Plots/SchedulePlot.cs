using Descent.Plots.Rendering;
using ScottPlot;
using ScottPlot.Plottables;

namespace Descent.Plots;

/// <summary>
/// The learning rate over steps for one or more schedules; when a schedule also cycles momentum, a second panel
/// below shows the momentum over the same steps.
/// </summary>
/// <remarks>
/// Each value is held until the next step (a step line), since a scheduler sets the rate once per step and the
/// optimizer uses it unchanged until then.
/// </remarks>
public sealed class SchedulePlot : Figure
{
    // The momentum panel is a companion to the learning-rate panel, not its equal (its share includes the legend).
    private const float MomentumPanelWeight = 0.8f;

    /// <summary>Creates the figure.</summary>
    /// <param name="title">The figure's title.</param>
    /// <param name="schedules">The schedules, drawn in the palette's order.</param>
    /// <param name="logY">Whether the learning-rate axis is logarithmic; then every rate must be positive.</param>
    /// <param name="xLabel">The x-axis label, e.g. <c>step</c> or <c>epoch</c>.</param>
    /// <param name="momentumLabel">The momentum panel's y-axis label, e.g. <c>β₁</c> for Adam.</param>
    /// <exception cref="ArgumentException">
    /// No schedule; one without steps; a momentum list of another length than the rates; two schedules with the
    /// same label; a NaN or infinite value; a rate that is not positive on a log axis.
    /// </exception>
    public SchedulePlot(
        string title,
        IReadOnlyList<ScheduleSeries> schedules,
        bool logY = false,
        string xLabel = "step",
        string momentumLabel = "momentum")
        : base(title)
    {
        Check.NotEmpty(schedules, nameof(schedules), "schedule");
        Check.NotBlank(xLabel, nameof(xLabel));
        Check.NotBlank(momentumLabel, nameof(momentumLabel));
        foreach (ScheduleSeries s in schedules)
        {
            Validate(s, logY, nameof(schedules));
        }
        Check.DistinctLabels(schedules.Select(s => s.Label), nameof(schedules));
        // Copies, so that changing the caller's arrays later cannot slip unchecked values into the figure.
        Schedules = schedules
            .Select(s => new ScheduleSeries(s.Label, s.LearningRates.ToArray(), s.Momentum?.ToArray()))
            .ToArray();
        LogY = logY;
        XLabel = xLabel;
        MomentumLabel = momentumLabel;
    }

    /// <summary>The schedules, in drawing order.</summary>
    public IReadOnlyList<ScheduleSeries> Schedules { get; }

    /// <summary>Whether the learning-rate axis is logarithmic.</summary>
    public bool LogY { get; }

    /// <summary>The x-axis label.</summary>
    public string XLabel { get; }

    /// <summary>The momentum panel's y-axis label.</summary>
    public string MomentumLabel { get; }

    private protected override IReadOnlyList<FigurePanel> CreatePanels()
    {
        bool momentum = Schedules.Any(s => s.Momentum is not null);
        int steps = Schedules.Max(s => s.LearningRates.Count);
        AxisScale y = AxisScale.From(LogY);

        Plot rates = FigureStyle.CreatePlot();
        for (int i = 0; i < Schedules.Count; i++)
        {
            AddSteps(rates, y.Map(Schedules[i].LearningRates), i, Schedules[i].Label);
        }
        rates.Title(Title);
        rates.YLabel("learning rate");
        y.Apply(rates.Axes.Left);
        (double Low, double High)? rateLimits = LogY ? null : RateLimits(Schedules.SelectMany(s => s.LearningRates));
        if (!momentum)
        {
            FigureStyle.ShowLegendOutside(rates);
            rates.XLabel(XLabel);
            SetStepLimits(rates, steps, rateLimits);
            return [new FigurePanel(rates)];
        }

        Plot momenta = FigureStyle.CreatePlot();
        for (int i = 0; i < Schedules.Count; i++)
        {
            if (Schedules[i].Momentum is { } m)
            {
                AddSteps(momenta, m.ToArray(), i, Schedules[i].Label);
            }
        }
        momenta.YLabel(MomentumLabel);
        momenta.XLabel(XLabel);
        // One legend for both panels, at the bottom of the figure, naming every schedule even where only some
        // cycle momentum; the upper panel's tick labels would repeat the lower one's.
        momenta.Legend.ManualItems.Clear();
        momenta.Legend.ManualItems.AddRange(rates.Legend.ManualItems);
        FigureStyle.ShowLegendOutside(momenta);
        rates.HideLegend();
        rates.Axes.Bottom.TickLabelStyle.IsVisible = false;
        SetStepLimits(rates, steps, rateLimits);
        SetStepLimits(momenta, steps);
        return [new FigurePanel(rates), new FigurePanel(momenta, MomentumPanelWeight)];
    }

    private static void AddSteps(Plot plot, double[] values, int index, string label)
    {
        double[] xs = Enumerable.Range(0, values.Length).Select(s => (double)s).ToArray();
        FigureStyle.AddSeries(plot, xs, values, index, label, connect: ConnectStyle.StepHorizontal);
    }

    private static void SetStepLimits(Plot plot, int steps, (double Low, double High)? y = null)
    {
        plot.Axes.AutoScale();
        double pad = Math.Max(1, steps) * 0.02;
        plot.Axes.SetLimitsX(-pad, steps - 1 + pad);
        if (y is { } limits)
        {
            plot.Axes.SetLimitsY(limits.Low, limits.High);
        }
    }

    /// <summary>
    /// The linear learning-rate axis: from zero (learning rates are not negative) to a little above the highest rate.
    /// ScottPlot's own scaling centres a constant schedule in a span of ±1, down to a rate of −0.9 that no schedule has.
    /// </summary>
    internal static (double Low, double High) RateLimits(IEnumerable<double> rates)
    {
        double low = 0, high = 0;
        foreach (double r in rates)
        {
            low = Math.Min(low, r);
            high = Math.Max(high, r);
        }
        double span = high - low > 0 ? high - low : 1;
        return (low - 0.03 * span, high + 0.05 * span);
    }

    private static void Validate(ScheduleSeries s, bool logY, string paramName)
    {
        Check.Series(s, x => x.Label, x => x.LearningRates?.Count, "schedule",
            l => $"Schedule '{l}' has no steps; it needs at least one learning rate.", paramName);
        Check.Plottable(s.LearningRates, logY, paramName, $"Schedule '{s.Label}', learning rate", "step");
        if (s.Momentum is not null)
        {
            Check.SameLength(s.LearningRates.Count, s.Momentum.Count, paramName, $"Schedule '{s.Label}', momentum");
            Check.Plottable(s.Momentum, positive: false, paramName, $"Schedule '{s.Label}', momentum", "step");
        }
    }
}
