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
        var setup = new LearnerSetup();
        var seeds = new Option<string>("--seeds") { Description = "Seeds to repeat each configuration with, e.g. 1,2,3.", DefaultValueFactory = _ => "1,2,3" };
        var output = new Option<string>("--out") { Description = "Folder for curves.csv and the figure.", DefaultValueFactory = _ => "runs/compare" };
        var command = new Command("compare",
            "Compare configurations on one task: list values with commas (--lr 0.01,0.001 --optimizer sgd,adam); one learning curve per configuration.")
        {
            seeds, output,
        };
        setup.AddTo(command);
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            SupervisedTask t = setup.Task.Read(parse);
            ulong[] seedList = Lists.Ints(parse.GetValue(seeds)!, "--seeds").Select(s => s >= 0 ? (ulong)s : throw new ArgumentException($"--seeds: {s} is negative.")).ToArray();
            string[] optimizers = setup.Optimizer.Names(parse);
            double[] lrs = setup.Optimizer.Raw(parse, "lr") is { } lrText ? Lists.Doubles(lrText, "--lr") : [double.NaN];
            Dictionary<string, object?> fixedOptions = setup.Optimizer.ReadExcept(parse, "lr");
            Measure measure = setup.Learner.MeasureList(parse, t)[0];
            foreach (string opt in optimizers)
            {
                foreach (double lr in lrs)
                {
                    setup.Optimizer.Check(opt, double.IsNaN(lr) ? fixedOptions : new Dictionary<string, object?>(fixedOptions) { ["lr"] = lr });
                }
            }
            string dir = OutputFolder.Prepare(parse.GetValue(output)!);

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
                    bool diverged = false;
                    foreach (ulong seed in seedList)
                    {
                        MlpLearner l = setup.Learner.Create(parse, t);
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
                        l.Callbacks.Add(new TerminateOnNaN());
                        l.MeasuresTrain.Clear();
                        l.MeasuresTrain.Add(measure);
                        TrainedModel model = l.Train(t);
                        double[] curve = history.Epochs.Select(e => e.Train[measure.Id]).ToArray();
                        rows.AddRange(curve.Select((v, i) => (IReadOnlyList<object?>)[label, seed, i + 1, v]));
                        bool cut = model.DivergedAtEpoch is not null;
                        curve = Figures.FinitePart(curve, ref cut);
                        diverged |= cut;
                        if (curve.Length > 0)
                        {
                            curves.Add(curve);
                        }
                        string end = model.DivergedAtEpoch is int k
                            ? $"diverged at epoch {k} (try a lower learning rate)"
                            : $"final train {measure.Id} {Training.Progress.Format(curve[^1])}";
                        AnsiConsole.WriteLine($"[{++done}/{runs}] {Markup.Escape(label)}, seed {seed}: {end}");
                    }
                    if (curves.Count > 0)
                    {
                        // Runs that diverged are drawn as far as every run of the configuration is finite.
                        int length = curves.Min(c => c.Length);
                        series.Add(new CurveSeries(label, curves.Select(c => c[..length]).ToList()) { Diverged = diverged });
                    }
                }
            }
            string csv = Path.Combine(dir, "curves.csv");
            Csv.Write(csv, ["configuration", "seed", "epoch", "train." + measure.Id], rows);
            string[] figures = series.Count > 0
                ? Figures.Comparison($"{t.Id}: train {measure.Id} by configuration", measure.Id, series, Path.Combine(dir, "compare"))
                : [];
            if (series.Count == 0)
            {
                AnsiConsole.WriteLine("no figure: every run diverged in its first epoch; try lower learning rates.");
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
