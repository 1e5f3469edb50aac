using Descent.Optim.Schedulers;
using Descent.Plots;
using Descent.Training;
using Descent.Training.Examples;

namespace Descent.Cli;

/// <summary>Draws the command's figures from recorded runs (through Descent.Plots) and returns the files written.</summary>
internal static class Figures
{
    /// <summary>The learning curve of one run: its first measure per epoch, on training and validation data.</summary>
    public static string[] LearningCurve(History history, SupervisedTask task, MlpLearner learner, string pathWithoutExtension)
    {
        if (history.Epochs.Count == 0 || history.Epochs[0].Train.Count == 0)
        {
            return [];
        }
        string measure = history.Epochs[0].Train.Keys.First();
        var series = new List<CurveSeries> { new("train", [history.Epochs.Select(e => e.Train[measure]).ToArray()]) };
        if (history.Epochs[0].Validation.ContainsKey(measure))
        {
            series.Add(new CurveSeries("validation", [history.Epochs.Select(e => e.Validation[measure]).ToArray()]));
        }
        string lr = learner.OptimizerOptions.TryGetValue("lr", out object? v) ? $", lr {v}" : "";
        var figure = new LearningCurves($"{learner.Id} on {task.Id}: {learner.Optimizer}{lr}", measure, series,
            firstEpoch: history.Epochs[0].Epoch);
        return Save(figure, pathWithoutExtension);
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
    public static TrajectoryPlot TrajectoryFigure(LossSurface surface, string title, IReadOnlyList<Trajectory> paths) => new(
        title,
        new ContourSurface(surface.Evaluate, surface.XRange, surface.YRange, surface.Minimum,
            surface.LogContours ? ContourSpacing.Logarithmic : ContourSpacing.Linear),
        paths.Select(p => new TrajectorySeries(p.Label, p.Points)).ToArray(),
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
