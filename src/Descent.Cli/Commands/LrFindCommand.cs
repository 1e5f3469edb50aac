using System.CommandLine;
using Descent.Cli.Arguments;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary><c>descent lr-find</c>: the learning-rate range test on a task, with the suggested learning rate.</summary>
internal static class LrFindCommand
{
    public static Command Create()
    {
        var task = new TaskArguments();
        var optimizer = new OptimizerArguments();
        var learner = new LearnerArguments();
        var start = new Option<double>("--start-lr") { Description = "Smallest learning rate tried.", DefaultValueFactory = _ => 1e-7 };
        var end = new Option<double>("--end-lr") { Description = "Largest learning rate tried.", DefaultValueFactory = _ => 10 };
        var iterations = new Option<int>("--iterations") { Description = "Batches in the sweep.", DefaultValueFactory = _ => 100 };
        var output = new Option<string>("--out") { Description = "Folder for lr-find.csv and the figure.", DefaultValueFactory = _ => "runs/lr-find" };
        var command = new Command("lr-find", "Sweep the learning rate exponentially over some batches and suggest one (the LR range test).")
        {
            start, end, iterations, output,
        };
        task.AddTo(command);
        optimizer.AddTo(command);
        learner.AddTo(command);
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            SupervisedTask t = task.Read(parse);
            MlpLearner l = learner.Create(parse, t);
            optimizer.ApplyTo(l, parse);
            var finder = new LrFinder { StartLr = parse.GetValue(start), EndLr = parse.GetValue(end), NumIterations = parse.GetValue(iterations) };
            LrFinderResult result = finder.Run(l, t);
            string dir = parse.GetValue(output)!;
            Directory.CreateDirectory(dir);
            string csv = Path.Combine(dir, "lr-find.csv");
            Csv.Write(csv, ["lr", "loss", "smoothed_loss"], result.Curve.Select(p => (IReadOnlyList<object?>)[p.Lr, p.Loss, p.SmoothedLoss]));
            string[] figures = Figures.LrFinder($"LR range test: {l.Optimizer} on {t.Id}", result, Path.Combine(dir, "lr-find"));
            AnsiConsole.WriteLine($"suggested learning rate: {result.SuggestedLr:G3} ({result.SuggestionRule}; {result.Curve.Count} batches)");
            foreach (string f in new[] { csv }.Concat(figures))
            {
                AnsiConsole.WriteLine($"wrote {f}");
            }
            return 0;
        }));
        return command;
    }
}
