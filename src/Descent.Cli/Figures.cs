using Descent.Optim.Schedulers;
using Descent.Plots;
using Descent.Training;
using Descent.Training.Examples;

namespace Descent.Cli;

/// <summary>Draws the command's figures from recorded runs (through Descent.Plots) and returns the files written.</summary>
internal static class Figures
{
    /// <summary>The learning curve of one run: its first measure per epoch, on training and validation data.</summary>
    /// <remarks>A diverged run's curve ends in a cross after its last finite epoch.</remarks>
    public static string[] LearningCurve(History history, SupervisedTask task, MlpLearner learner, string pathWithoutExtension, bool diverged = false)
    {
        if (history.Epochs.Count == 0 || history.Epochs[0].Train.Count == 0)
        {
            return [];
        }
        string measure = history.Epochs[0].Train.Keys.First();
        double[] train = FinitePart(history.Epochs.Select(e => e.Train[measure]).ToArray(), ref diverged);
        var series = new List<CurveSeries> { new("train", [train]) { Diverged = diverged } };
        if (history.Epochs[0].Validation.ContainsKey(measure))
        {
            double[] valid = FinitePart(history.Epochs.Select(e => e.Validation[measure]).ToArray(), ref diverged);
            series.Add(new CurveSeries("validation", [valid]) { Diverged = diverged });
        }
        int length = series.Min(s => s.Runs[0].Length);
        if (length == 0)
        {
            return [];
        }
        series = series.Select(s => s with { Runs = [s.Runs[0][..length]] }).ToList();
        string lr = learner.OptimizerOptions.TryGetValue("lr", out object? v) ? $", lr {v}" : "";
        var figure = new LearningCurves($"{learner.Id} on {task.Id}: {learner.Optimizer}{lr}", measure, series,
            firstEpoch: history.Epochs[0].Epoch);
        return Save(figure, pathWithoutExtension);
    }

    /// <summary>The values before the first one that is not finite; <paramref name="cut"/> is set when some were left out.</summary>
    public static double[] FinitePart(double[] values, ref bool cut)
    {
        int n = Array.FindIndex(values, v => !double.IsFinite(v));
        if (n < 0)
        {
            return values;
        }
        cut = true;
        return values[..n];
    }

    /// <summary>Learning curves of several configurations, mean and band over seeds.</summary>
    public static string[] Comparison(string title, string measure, IReadOnlyList<CurveSeries> series, string pathWithoutExtension) =>
        Save(new LearningCurves(title, measure, series), pathWithoutExtension);

    /// <summary>A schedule's learning rate (and momentum) per step.</summary>
    public static string[] Schedule(string name, SampledSchedule schedule, string pathWithoutExtension) =>
        Save(new SchedulePlot($"Learning-rate schedule: {name}", [new ScheduleSeries(name, schedule.Lr, schedule.Momentum)]), pathWithoutExtension);

    /// <summary>Optimizer paths over a surface's contours.</summary>
    public static string[] Trajectories(LossSurface surface, string optimizer, IReadOnlyList<Trajectory> paths, string pathWithoutExtension) =>
        Save(TrajectoryFigure(surface, $"{optimizer} on the {surface.Title.ToLowerInvariant()}", paths), pathWithoutExtension);

    /// <summary>The trajectory figure itself, for the report.</summary>
    /// <remarks>A path that diverged is drawn up to its last finite point; the figure clips it at the plotted region.</remarks>
    public static TrajectoryPlot TrajectoryFigure(LossSurface surface, string title, IReadOnlyList<Trajectory> paths) => new(
        title,
        new ContourSurface(surface.Evaluate, surface.XRange, surface.YRange, surface.Minimum,
            surface.LogContours ? ContourSpacing.Logarithmic : ContourSpacing.Linear)
        {
            OtherMinima = surface.Minima.Where(m => m != surface.Minimum).ToArray(),
            SaddlePoint = surface.SaddlePoint,
        },
        paths.Select(p => new TrajectorySeries(p.Label, p.Points.TakeWhile(q => double.IsFinite(q.X) && double.IsFinite(q.Y)).DefaultIfEmpty(p.Points[0]).ToArray())).ToArray(),
        surface.XLabel,
        surface.YLabel);

    /// <summary>Loss against learning rate with the suggestion.</summary>
    public static string[] LrFinder(string title, LrFinderResult result, string pathWithoutExtension) =>
        Save(new LrFinderPlot(title, result.Curve.Select(p => p.Lr).ToArray(), result.Curve.Select(p => p.SmoothedLoss).ToArray(), result.SuggestedLr, "smoothed loss"),
            pathWithoutExtension);

    /// <summary>Writes a figure as PNG and SVG.</summary>
    public static string[] Save(Figure figure, string pathWithoutExtension)
    {
        string png = pathWithoutExtension + ".png";
        string svg = pathWithoutExtension + ".svg";
        figure.SavePng(png);
        figure.SaveSvg(svg);
        return [png, svg];
    }
}
