using Descent.Optim.Schedulers;
using Descent.Training.Examples;

namespace Descent.Explorer.Model;

/// <summary>
/// One computed run as the script receives it: its label and colour, the points (start first, one per step) and the
/// loss at each, or the reason it could not run; and the command line that computes the same path.
/// </summary>
public sealed record RunScene(string Label, string Color, double[][] Points, double?[] Losses, string? Error, string Command)
{
    /// <summary>The runs' colours, in order (the figures' palette).</summary>
    public static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

    /// <summary>Runs <paramref name="run"/> on <paramref name="surface"/> through <see cref="TrajectoryRunner"/>, as <c>descent trajectory</c> does.</summary>
    public static RunScene Compute(ExplorerState state, LossSurface surface, RunSettings run, int index)
    {
        string color = Colors[index % Colors.Length];
        (string command, IReadOnlyList<string> missing) = CommandLine.For(state, run);
        if (missing.Count > 0)
        {
            command += $"   (the command line has no option for {string.Join(", ", missing)} yet)";
        }
        try
        {
            Func<Optim.Optimizer, LRScheduler>? scheduler = SchedulerCatalog.Create(run.Scheduler, run.Settings(), state.Steps);
            Trajectory path = TrajectoryRunner.Run(surface, run.Optimizer, run.Options, state.Steps, run.Label(), state.Start, scheduler);
            return new RunScene(path.Label, color, path.Points.Select(p => new[] { p.X, p.Y }).ToArray(),
                path.Losses.Select(l => double.IsFinite(l) ? l : (double?)null).ToArray(), null, command);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return new RunScene(run.Label(), color, [], [], e.Message, command);
        }
    }
}
