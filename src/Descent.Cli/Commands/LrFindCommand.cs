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
        var setup = new LearnerSetup();
        var start = new Option<double>("--start-lr") { Description = "Smallest learning rate tried.", DefaultValueFactory = _ => 1e-7 };
        var end = new Option<double>("--end-lr") { Description = "Largest learning rate tried.", DefaultValueFactory = _ => 10 };
        var iterations = new Option<int>("--iterations") { Description = "Batches in the sweep.", DefaultValueFactory = _ => 100 };
        var output = new Option<string>("--out") { Description = "Folder for lr-find.csv and the figure.", DefaultValueFactory = _ => "runs/lr-find" };
        var raw = new Option<bool>("--raw-features") { Description = "Sweep on the features as they are (by default they are standardized, as fastai's data is normalized, so that one scale suits all)." };
        var command = new Command("lr-find", "Sweep the learning rate exponentially over some batches and suggest one (the LR range test).")
        {
            start, end, iterations, output, raw,
        };
        setup.AddTo(command);
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            (SupervisedTask t, MlpLearner l) = setup.Read(parse);
            // Unstandardized features (spam's run to thousands) make the loss explode from the smallest rates on.
            l.Standardize = !parse.GetValue(raw);
            var finder = new LrFinder { StartLr = parse.GetValue(start), EndLr = parse.GetValue(end), NumIterations = parse.GetValue(iterations) };
            string dir = OutputFolder.Prepare(parse.GetValue(output)!);
            LrFinderResult result = finder.Run(l, t);
            string csv = Path.Combine(dir, "lr-find.csv");
            Csv.Write(csv, ["lr", "loss", "smoothed_loss"], result.Curve.Select(p => (IReadOnlyList<object?>)[p.Lr, p.Loss, p.SmoothedLoss]));
            string[] figures = Figures.LrFinder($"LR range test: {l.Optimizer} on {t.Id}", result, Path.Combine(dir, "lr-find"));
            string features = l.Standardize ? "standardized features: train with --standardize" : "features as they are";
            AnsiConsole.WriteLine($"suggested learning rate: {result.SuggestedLr:G3} ({result.SuggestionRule}; {result.Curve.Count} batches; {features})");
            if (result.SuggestionRule != LrSuggestionRule.SteepestDescent)
            {
                // Console, not AnsiConsole: a warning stays one line, unwrapped.
                Console.WriteLine($"warning: the loss exploded after {result.Curve.Count} batches ({result.StopReason}), too early for a reliable suggestion; "
                    + (l.Standardize ? "try a smaller --start-lr or more --iterations." : "standardize the features (leave out --raw-features) or lower --start-lr."));
            }
            foreach (string f in new[] { csv }.Concat(figures))
            {
                AnsiConsole.WriteLine($"wrote {f}");
            }
            return 0;
        }));
        return command;
    }
}
