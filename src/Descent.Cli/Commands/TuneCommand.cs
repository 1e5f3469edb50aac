using System.CommandLine;
using System.Globalization;
using Descent.Cli.Arguments;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary><c>descent tune</c>: random or grid search over the learning rate (log scale) and other settings, with a leaderboard.</summary>
internal static class TuneCommand
{
    public static Command Create()
    {
        var setup = new LearnerSetup();
        var lrRange = new Option<string>("--lr-range") { Description = "Learning-rate range, searched on a log scale.", DefaultValueFactory = _ => "1e-4,1e-1" };
        var neuronsRange = new Option<string?>("--neurons-range") { Description = "Hidden-layer size range, e.g. 16,256 (log scale)." };
        var batchSizes = new Option<string?>("--batch-sizes") { Description = "Batch sizes to choose from, e.g. 16,32,64." };
        var strategy = new Option<string>("--strategy") { Description = "random or grid.", DefaultValueFactory = _ => "random" };
        var evals = new Option<int>("--evals") { Description = "Configurations tried by random search; points per range for grid search.", DefaultValueFactory = _ => 8 };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds per configuration.", DefaultValueFactory = _ => 3 };
        var command = new Command("tune", "Search hyperparameters by random or grid search, evaluated by cross-validation, and print the leaderboard.")
        {
            lrRange, neuronsRange, batchSizes, strategy, evals, folds,
        };
        setup.AddTo(command);
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            (SupervisedTask t, MlpLearner l) = setup.Read(parse, "lr");
            var space = new SearchSpace();
            double[] lr = Lists.Doubles(parse.GetValue(lrRange)!, "--lr-range");
            if (lr.Length != 2)
            {
                throw new ArgumentException("--lr-range: expected two numbers, lower,upper.");
            }
            space.Add(new NumericRange("lr", lr[0], lr[1], logScale: true));
            if (parse.GetValue(neuronsRange) is { } nr && Lists.Ints(nr, "--neurons-range") is [int lo, int hi])
            {
                space.Add(new IntegerRange("neurons", lo, hi, logScale: true));
            }
            if (parse.GetValue(batchSizes) is { } bs)
            {
                space.Add(new CategoricalChoice("batch_size", Lists.Ints(bs, "--batch-sizes").Cast<object>().ToArray()));
            }
            int n = parse.GetValue(evals);
            SearchStrategy search = parse.GetValue(strategy)! switch
            {
                "random" => new RandomSearch(n, parse.GetValue(setup.Learner.Seed)),
                "grid" => new GridSearch(n),
                string other => throw new ArgumentException($"--strategy: expected random or grid, got '{other}'."),
            };
            Measure measure = setup.Learner.MeasureList(parse, t)[0];
            TuningResult result = Tuner.Tune(l, t, new CrossValidation(parse.GetValue(folds)), measure, space, search, parse.GetValue(setup.Learner.Seed));

            var table = new Table().Title($"{l.Id} on {t.Id}: {result.Archive.Count} configurations, {parse.GetValue(folds)}-fold CV")
                .AddColumn("rank").AddColumn("configuration").AddColumn(measure.Id).AddColumn("seconds");
            int rank = 1;
            foreach (TuningTrial trial in measure.Minimize ? result.Archive.OrderBy(a => a.Score) : result.Archive.OrderByDescending(a => a.Score))
            {
                table.AddRow(rank++.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(", ", trial.Configuration.Select(kv => $"{kv.Key} = {Format(kv.Value)}"))),
                    trial.Score.ToString("F4", CultureInfo.InvariantCulture),
                    trial.Duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"best: {string.Join(", ", result.BestConfiguration.Select(kv => $"{kv.Key} = {Format(kv.Value)}"))} ({measure.Id} {result.BestScore:F4})");
            return 0;
        }));
        return command;
    }

    private static string Format(object? v) => v switch
    {
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };
}
