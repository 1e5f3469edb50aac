using System.Globalization;
using Descent.Plots.Rendering;
using ScottPlot;
using ScottPlot.Plottables;

namespace Descent.Plots;

/// <summary>
/// How noisy a mini-batch gradient is: its standard error, measured on data, against the batch size B on log–log
/// axes, with the σ/√B line that independent draws would follow.
/// </summary>
/// <remarks>
/// For batches drawn without replacement from N examples the standard error shrinks faster than σ/√B, by the
/// finite-population factor √((N − B)/(N − 1)); pass the data set's size to draw that curve too.
/// </remarks>
public sealed class GradientNoisePlot : Figure
{
    // Points along each reference curve; the corrected one bends sharply near B = N.
    private const int ReferencePoints = 200;

    // The two reference curves are told apart by shade, not by dashes, which SkiaSharp's SVG output drops.
    private static readonly Color s_correctedColor = Color.FromHex("#8A8A8A");

    /// <summary>Creates the figure.</summary>
    /// <param name="title">The figure's title.</param>
    /// <param name="batchSizes">The batch sizes measured, each at least 1.</param>
    /// <param name="standardErrors">The measured standard error of the mini-batch gradient at each batch size.</param>
    /// <param name="sigma">
    /// The per-example standard deviation σ of the gradient; null fits it to the measurements (the geometric mean of
    /// standard error × √B, each divided by the finite-population factor when the population is given), and the
    /// legend says so.
    /// </param>
    /// <param name="populationSize">The number of examples batches are drawn from, if batches never repeat an example.</param>
    /// <exception cref="ArgumentException">
    /// No points; lists of different lengths; a batch size below 1; a standard error that is not finite and positive;
    /// a σ that is not finite and positive; a population smaller than the largest batch.
    /// </exception>
    public GradientNoisePlot(
        string title,
        IReadOnlyList<int> batchSizes,
        IReadOnlyList<double> standardErrors,
        double? sigma = null,
        int? populationSize = null)
        : base(title)
    {
        Check.NotEmpty(batchSizes, nameof(batchSizes), "batch size");
        ArgumentNullException.ThrowIfNull(standardErrors);
        Check.SameLength(batchSizes.Count, standardErrors.Count, nameof(standardErrors), "Standard errors");
        Check.BatchSizes(batchSizes, nameof(batchSizes), "Batch size");
        Check.Plottable(standardErrors, positive: true, nameof(standardErrors), "Standard errors", "point");
        if (sigma is double s && !(double.IsFinite(s) && s > 0))
        {
            throw new ArgumentException($"σ is {s}; it must be finite and positive.", nameof(sigma));
        }
        if (populationSize is int n && n < batchSizes.Max())
        {
            throw new ArgumentException(
                $"The population of {n} examples is smaller than the largest batch, {batchSizes.Max()}.",
                nameof(populationSize));
        }
        BatchSizes = batchSizes.ToArray();
        StandardErrors = standardErrors.ToArray();
        SigmaIsFitted = sigma is null;
        Sigma = sigma ?? FitSigma(BatchSizes, StandardErrors, populationSize);
        PopulationSize = populationSize;
    }

    /// <summary>The measured batch sizes.</summary>
    public IReadOnlyList<int> BatchSizes { get; }

    /// <summary>The measured standard errors.</summary>
    public IReadOnlyList<double> StandardErrors { get; }

    /// <summary>The σ of the reference line, given or fitted.</summary>
    public double Sigma { get; }

    /// <summary>Whether <see cref="Sigma"/> was fitted to the measurements.</summary>
    public bool SigmaIsFitted { get; }

    /// <summary>The number of examples batches are drawn from, if given.</summary>
    public int? PopulationSize { get; }

    /// <summary>
    /// The σ that puts the reference curve through the measurements in the least-squares sense on the log scale:
    /// the geometric mean of standard error × √B, each divided by the finite-population factor when N is known.
    /// A batch of the whole population has no sampling error and tells nothing about σ, so it is left out.
    /// </summary>
    internal static double FitSigma(IReadOnlyList<int> batchSizes, IReadOnlyList<double> standardErrors, int? populationSize)
    {
        double sumLog = 0;
        int count = 0;
        for (int i = 0; i < batchSizes.Count; i++)
        {
            double factor = populationSize is int n ? PopulationFactor(batchSizes[i], n) : 1;
            if (factor > 0)
            {
                sumLog += Math.Log(standardErrors[i] * Math.Sqrt(batchSizes[i]) / factor);
                count++;
            }
        }
        return count > 0 ? Math.Exp(sumLog / count) : standardErrors[0];
    }

    /// <summary>√((N − B)/(N − 1)): how much sampling without replacement shrinks the standard error.</summary>
    internal static double PopulationFactor(double batchSize, int populationSize) =>
        populationSize > 1 ? Math.Sqrt((populationSize - batchSize) / (populationSize - 1.0)) : 0;

    private protected override IReadOnlyList<FigurePanel> CreatePanels()
    {
        Plot plot = FigureStyle.CreatePlot();
        AxisScale log = AxisScale.Log;
        double low = BatchSizes.Min(), high = BatchSizes.Max();
        if (high == low)
        {
            low /= 2;
            high *= 2;
        }
        double[] bs = Enumerable.Range(0, ReferencePoints)
            .Select(i => low * Math.Pow(high / low, i / (ReferencePoints - 1.0)))
            .ToArray();

        string sigmaText = Sigma.ToString("G3", CultureInfo.InvariantCulture);
        Scatter reference = plot.Add.ScatterLine(
            log.Map(bs), log.Map(bs.Select(b => Sigma / Math.Sqrt(b)).ToArray()), FigureStyle.Ink);
        reference.LineWidth = 1.5f;
        reference.MarkerShape = MarkerShape.None;

        if (PopulationSize is int n)
        {
            // At B = N the correction is exactly zero, which a log axis cannot show; the curve stops short of it.
            double[] finite = bs.Where(b => b < n).ToArray();
            Scatter corrected = plot.Add.ScatterLine(
                log.Map(finite),
                log.Map(finite.Select(b => Sigma / Math.Sqrt(b) * PopulationFactor(b, n)).ToArray()),
                s_correctedColor);
            corrected.LineWidth = 1.5f;
            corrected.MarkerShape = MarkerShape.None;
        }

        double[] measuredB = log.Map(BatchSizes.Select(b => (double)b).ToArray());
        FigureStyle.AddSeries(plot, measuredB, log.Map(StandardErrors), 0, "measured", dotSize: 8);
        FigureStyle.AddLineKey(
            plot, SigmaIsFitted ? $"σ/√B, σ = {sigmaText} (fitted)" : $"σ/√B, σ = {sigmaText}", FigureStyle.Ink, 1.5f);
        if (PopulationSize is int population)
        {
            FigureStyle.AddLineKey(plot, $"σ/√B · √((N−B)/(N−1)), N = {population}", s_correctedColor, 1.5f);
        }

        plot.Title(Title);
        plot.XLabel("batch size B");
        plot.YLabel("standard error of the mini-batch gradient");
        log.Apply(plot.Axes.Bottom);
        log.Apply(plot.Axes.Left);
        FigureStyle.ShowLegendOutside(plot);
        return [new FigurePanel(plot)];
    }
}
