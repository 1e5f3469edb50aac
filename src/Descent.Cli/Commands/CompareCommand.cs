using System.CommandLine;
using Descent.Cli.Arguments;
using Descent.Plots;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent compare</c>: several configurations (<c>--lr 0.01,0.001</c>, <c>--optimizer sgd,adam</c>) on one task
/// and the same seeds; one figure with every learning curve, the mean and a band over seeds.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var task = new TaskArguments();
        var optimizer = new OptimizerArguments();
        var learner = new LearnerArguments();
        var seeds = new Option<string>("--seeds") { Description = "Seeds to repeat each configuration with, e.g. 1,2,3.", DefaultValueFactory = _ => "1,2,3" };
        var output = new Option<string>("--out") { Description = "Folder for curves.csv and the figure.", DefaultValueFactory = _ => "runs/compare" };
        var command = new Command("compare",
            "Compare configurations on one task: list values with commas (--lr 0.01,0.001 --optimizer sgd,adam); one learning curve per configuration.")
        {
            seeds, output,
        };
        task.AddTo(command);
        optimizer.AddTo(command);
        learner.AddTo(command);
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            SupervisedTask t = task.Read(parse);
            ulong[] seedList = Lists.Ints(parse.GetValue(seeds)!, "--seeds").Select(s => s >= 0 ? (ulong)s : throw new ArgumentException($"--seeds: {s} is negative.")).ToArray();
            string[] optimizers = optimizer.Names(parse);
            double[] lrs = optimizer.Raw(parse, "lr") is { } lrText ? Lists.Doubles(lrText, "--lr") : [double.NaN];
            Dictionary<string, object?> fixedOptions = optimizer.ReadExcept(parse, "lr");
            Measure measure = learner.MeasureList(parse, t)[0];

            var rows = new List<IReadOnlyList<object?>>();
            var series = new List<CurveSeries>();
            int runs = optimizers.Length * lrs.Length * seedList.Length;
            int done = 0;
            foreach (string opt in optimizers)
            {
                foreach (double lr in lrs)
                {
                    string label = (optimizers.Length > 1 ? opt + ", " : "") + (double.IsNaN(lr) ? "default lr" : $"lr = {lr:G}");
                    var curves = new List<double[]>();
                    foreach (ulong seed in seedList)
                    {
                        MlpLearner l = learner.Create(parse, t);
                        l.Seed = seed;
                        l.Optimizer = opt;
                        foreach ((string key, object? value) in fixedOptions)
                        {
                            l.OptimizerOptions[key] = value;
                        }
                        if (!double.IsNaN(lr))
                        {
                            l.OptimizerOptions["lr"] = lr;
                        }
                        var history = new History();
                        l.Callbacks.Add(history);
                        l.MeasuresTrain.Clear();
                        l.MeasuresTrain.Add(measure);
                        l.Train(t);
                        double[] curve = history.Epochs.Select(e => e.Train[measure.Id]).ToArray();
                        curves.Add(curve);
                        rows.AddRange(curve.Select((v, i) => (IReadOnlyList<object?>)[label, seed, i + 1, v]));
                        AnsiConsole.WriteLine($"[{++done}/{runs}] {label}, seed {seed}: final train {measure.Id} {curve[^1]:F4}");
                    }
                    series.Add(new CurveSeries(label, curves));
                }
            }
            string dir = parse.GetValue(output)!;
            Directory.CreateDirectory(dir);
            string csv = Path.Combine(dir, "curves.csv");
            Csv.Write(csv, ["configuration", "seed", "epoch", "train." + measure.Id], rows);
            string[] figures = Figures.Comparison($"{t.Id}: train {measure.Id} by configuration", measure.Id, series, Path.Combine(dir, "compare"));
            foreach (string f in new[] { csv }.Concat(figures))
            {
                AnsiConsole.WriteLine($"wrote {f}");
            }
            return 0;
        }));
        return command;
    }
}
