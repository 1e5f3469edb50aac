using System.Globalization;
using Descent.Plots.Rendering;
using ScottPlot;
using ScottPlot.Plottables;

namespace Descent.Plots;

/// <summary>
/// The result of a learning-rate range test: loss against a log-scaled learning rate, with the suggested learning
/// rate marked by a vertical line and its value.
/// </summary>
/// <remarks>
/// A range test ends when the loss blows up, and a few exploded points would flatten the interesting part of the
/// curve; the y axis therefore stops at the initial loss plus the depth of the dip below it (or at the largest
/// loss, when that is lower). Points above that leave the top of the plot.
/// </remarks>
public sealed class LrFinderPlot : Figure
{
    /// <summary>Creates the figure.</summary>
    /// <param name="title">The figure's title.</param>
    /// <param name="learningRates">The learning rate of each step of the test, all positive.</param>
    /// <param name="losses">The (usually smoothed) loss at each step.</param>
    /// <param name="suggested">The suggested learning rate, if any; it must lie within the tested range.</param>
    /// <param name="yLabel">The y-axis label.</param>
    /// <exception cref="ArgumentException">
    /// Fewer than two points; lists of different lengths; a NaN or infinite value; a learning rate that is not
    /// positive; a suggestion outside the tested range.
    /// </exception>
    public LrFinderPlot(
        string title,
        IReadOnlyList<double> learningRates,
        IReadOnlyList<double> losses,
        double? suggested = null,
        string yLabel = "loss")
        : base(title)
    {
        ArgumentNullException.ThrowIfNull(learningRates);
        ArgumentNullException.ThrowIfNull(losses);
        Check.NotBlank(yLabel, nameof(yLabel));
        if (learningRates.Count < 2)
        {
            throw new ArgumentException(
                $"A range test needs at least two points; there are {learningRates.Count}.", nameof(learningRates));
        }
        Check.SameLength(learningRates.Count, losses.Count, nameof(losses), "Losses");
        Check.Plottable(learningRates, positive: true, nameof(learningRates), "Learning rates", "point");
        Check.Plottable(losses, positive: false, nameof(losses), "Losses", "point");
        if (suggested is double lr)
        {
            double low = learningRates.Min(), high = learningRates.Max();
            if (!(lr >= low && lr <= high))
            {
                throw new ArgumentException(
                    $"The suggested learning rate {Format(lr)} lies outside the tested range [{Format(low)}, {Format(high)}].",
                    nameof(suggested));
            }
        }
        LearningRates = learningRates.ToArray();
        Losses = losses.ToArray();
        Suggested = suggested;
        YLabel = yLabel;
    }

    /// <summary>The tested learning rates.</summary>
    public IReadOnlyList<double> LearningRates { get; }

    /// <summary>The loss at each tested learning rate.</summary>
    public IReadOnlyList<double> Losses { get; }

    /// <summary>The suggested learning rate, if any.</summary>
    public double? Suggested { get; }

    /// <summary>The y-axis label.</summary>
    public string YLabel { get; }

    /// <summary>The y range shown: the losses' range, cut above the initial loss plus the dip's depth.</summary>
    internal (double Bottom, double Top) VisibleLossRange()
    {
        double min = Losses.Min(), max = Losses.Max(), first = Losses[0];
        double top = first > min ? Math.Min(max, first + (first - min)) : max;
        double pad = (top - min) * 0.05;
        if (pad == 0)
        {
            pad = Math.Max(Math.Abs(min) * 0.05, 1e-12);
        }
        return (min - pad, top + pad);
    }

    private protected override IReadOnlyList<FigurePanel> CreatePanels()
    {
        Plot plot = FigureStyle.CreatePlot();
        double[] xs = AxisScale.Log.Map(LearningRates);
        FigureStyle.AddSeries(plot, xs, Losses.ToArray(), 0, YLabel);
        (double bottom, double top) = VisibleLossRange();

        if (Suggested is double lr)
        {
            string text = $"suggested lr = {Format(lr)}";
            Color color = FigureStyle.SeriesColor(1);
            VerticalLine line = plot.Add.VerticalLine(Math.Log10(lr), 2, color);
            FigureStyle.AddLineKey(plot, text, color);
            plot.Add.Marker(Math.Log10(lr), LossAt(lr), MarkerShape.FilledCircle, 10, color);
            // The value sits beside the line near the top, inside the data area, where no tick label or title is.
            Text label = plot.Add.Text(text, Math.Log10(lr), top - (top - bottom) * 0.04);
            label.LabelFontSize = 13;
            label.LabelFontColor = color;
            label.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
            label.LabelAlignment = Alignment.UpperLeft;
            label.OffsetX = 6;
        }

        plot.Title(Title);
        plot.XLabel("learning rate (log scale)");
        plot.YLabel(YLabel);
        AxisScale.Log.Apply(plot.Axes.Bottom);
        plot.Axes.SetLimitsY(bottom, top);
        double left = xs.Min(), right = xs.Max(), pad = (right - left) * 0.02;
        plot.Axes.SetLimitsX(left - pad, right + pad);
        FigureStyle.ShowLegendOutside(plot);
        return [new FigurePanel(plot)];
    }

    /// <summary>The loss at <paramref name="lr"/>, interpolated linearly in log learning rate.</summary>
    private double LossAt(double lr)
    {
        double target = Math.Log10(lr);
        for (int i = 0; i + 1 < LearningRates.Count; i++)
        {
            double a = Math.Log10(LearningRates[i]), b = Math.Log10(LearningRates[i + 1]);
            if (a != b && target >= Math.Min(a, b) && target <= Math.Max(a, b))
            {
                return Losses[i] + (target - a) / (b - a) * (Losses[i + 1] - Losses[i]);
            }
        }
        // Only reached when every tested rate equals the suggestion.
        return Losses[0];
    }

    private static string Format(double value) => value.ToString("0.###e0", CultureInfo.InvariantCulture);
}
