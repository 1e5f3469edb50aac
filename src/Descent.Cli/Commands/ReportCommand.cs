using System.CommandLine;
using Descent.NN;
using Descent.Optim;
using Descent.Optim.Schedulers;
using Descent.Plots;
using Descent.Training;
using Descent.Training.Examples;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent report</c>: regenerates the chapter's figures into one self-contained HTML page — optimizer paths
/// varying one hyperparameter at a time, the spam learning curves for two learning rates and a race of the modern
/// optimizers (those registered), a gallery of schedules,
/// the mini-batch gradient's noise and the step time against batch size, and a printed optimizer state dict.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The HTML file to write.", DefaultValueFactory = _ => "runs/report.html" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs of the spam runs.", DefaultValueFactory = _ => 40 };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per learning rate in the spam runs.", DefaultValueFactory = _ => 3 };
        var raceSeeds = new Option<int>("--race-seeds") { Description = "Seeds per optimizer in the race of the modern optimizers on spam.", DefaultValueFactory = _ => 5 };
        var command = new Command("report", "Regenerate the chapter's figures into one self-contained HTML page (opens offline).") { output, epochs, seeds, raceSeeds };
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            int nEpochs = parse.GetValue(epochs) is var e && e > 0 ? e : throw new ArgumentException($"--epochs must be positive, got {e}.");
            int nSeeds = parse.GetValue(seeds) is var s && s > 0 ? s : throw new ArgumentException($"--seeds must be positive, got {s}.");
            int nRaceSeeds = parse.GetValue(raceSeeds) is var r && r > 0 ? r : throw new ArgumentException($"--race-seeds must be positive, got {r}.");
            // Checked before minutes of computing, not after.
            string path = OutputFolder.PrepareFor(parse.GetValue(output)!);
            var report = new HtmlReport("Descent: optimizers at work");
            report.AddParagraph("Every figure below was computed by Descent when this page was generated; nothing is drawn from stored data.");

            AnsiConsole.WriteLine("trajectories …");
            Trajectories(report);
            AnsiConsole.WriteLine($"spam learning curves ({2 * nSeeds} runs of {nEpochs} epochs) …");
            SpamCurves(report, nEpochs, nSeeds);
            string[] raced = RacedOptimizers();
            int raceEpochs = Math.Min(nEpochs, RaceEpochs);
            AnsiConsole.WriteLine($"modern optimizers on spam ({raced.Length * nRaceSeeds} runs of {raceEpochs} epochs) …");
            OptimizerRace(report, raced, raceEpochs, nRaceSeeds);
            AnsiConsole.WriteLine("schedules …");
            Schedules(report);
            AnsiConsole.WriteLine("batch sizes …");
            BatchSizes(report);
            StateDict(report);

            report.Save(path);
            AnsiConsole.WriteLine($"wrote {path}");
            return 0;
        }));
        return command;
    }

    private static void Trajectories(HtmlReport report)
    {
        report.AddHeading("Optimizer paths on the linear-regression loss");
        report.AddParagraph("The mean squared error of y = a + b·x over intercept a and slope b, with one path per value of one hyperparameter; every path starts at (−2, −1).");
        LossSurface surface = LossSurfaces.LinearRegression();
        (string Title, string Optimizer, string Key, object[] Values, Dictionary<string, object?> Base)[] panels =
        [
            ("SGD: learning rate", "sgd", "lr", [0.01, 0.1, 0.5], []),
            ("SGD with lr 0.05: weight decay", "sgd", "weight_decay", [0.0, 0.5, 2.0], new() { ["lr"] = 0.05 }),
            ("Adam with lr 0.3: β₁", "adam", "beta1", [0.0, 0.9, 0.99], new() { ["lr"] = 0.3 }),
            ("Adam with lr 0.3: β₂", "adam", "beta2", [0.5, 0.9, 0.999], new() { ["lr"] = 0.3 }),
            ("Adam with lr 0.3: ε", "adam", "eps", [1e-8, 1.0, 10.0], new() { ["lr"] = 0.3 }),
        ];
        foreach ((string title, string optimizer, string key, object[] values, Dictionary<string, object?> baseOptions) in panels)
        {
            var paths = new List<Trajectory>();
            foreach (object v in values)
            {
                var options = new Dictionary<string, object?>(baseOptions);
                switch (key)
                {
                    case "beta1":
                        options["betas"] = ((double)v, 0.999);
                        break;
                    case "beta2":
                        options["betas"] = (0.9, (double)v);
                        break;
                    default:
                        options[key] = v;
                        break;
                }
                paths.Add(TrajectoryRunner.Run(surface, optimizer, options, 100, $"{key} = {v}"));
            }
            report.AddFigure(Figures.TrajectoryFigure(surface, title, paths), $"{title}, 100 steps each.");
            report.AddLink("Open these paths in the optimizer explorer", ExplorerLink(optimizer, key, values, baseOptions),
                "Change the hyperparameters, the start or the surface and watch the paths move (run 'descent explore' first):");
        }
    }

    /// <summary>The explorer's address for one panel: a run per value of the varied hyperparameter (see Descent.Explorer's ExplorerState).</summary>
    internal static string ExplorerLink(string optimizer, string key, object[] values, Dictionary<string, object?> baseOptions)
    {
        static string Text(object? v) => v switch
        {
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };
        IEnumerable<string> runs = values.Select(v =>
        {
            var options = new Dictionary<string, string>(baseOptions.Select(kv => KeyValuePair.Create(kv.Key, Text(kv.Value))));
            switch (key)
            {
                case "beta1":
                    options["betas"] = $"{Text(v)},0.999";
                    break;
                case "beta2":
                    options["betas"] = $"0.9,{Text(v)}";
                    break;
                default:
                    options[key] = Text(v);
                    break;
            }
            return "run=" + string.Join(';', options.Select(kv => $"{kv.Key}={kv.Value}").Prepend(optimizer));
        });
        return $"http://127.0.0.1:{ExploreCommand.DefaultPort}/?surface=linreg&steps=100&" + string.Join('&', runs);
    }

    private static void SpamCurves(HtmlReport report, int epochs, int seeds)
    {
        report.AddHeading("Spam: two learning rates");
        report.AddParagraph($"MlpClassifier with 100 neurons, dropout 0.1, batch size 32, {epochs} epochs and Adam, on the spam task; " +
            $"train log loss per epoch from the epoch's own forward passes, mean and range over {seeds} seeds.");
        ClassificationTask spam = Tasks.Spam();
        var series = new List<CurveSeries>();
        foreach (double lr in new[] { 0.01, 0.001 })
        {
            var runs = new List<double[]>();
            for (ulong seed = 1; seed <= (ulong)seeds; seed++)
            {
                var history = new History();
                var learner = new MlpClassifier
                {
                    Neurons = [100], BatchSize = 32, Epochs = epochs, Seed = seed, OptimizerOptions = { ["lr"] = lr },
                    Callbacks = { history }, MeasuresTrain = { Measures.LogLoss },
                };
                learner.Train(spam);
                runs.Add(history.Epochs.Select(x => x.Train["classif.logloss"]).ToArray());
            }
            series.Add(new CurveSeries($"lr = {lr}", runs));
        }
        report.AddFigure(new LearningCurves("Adam on spam: train log loss", "train log loss", series, logY: true), "Mean and range over seeds, per epoch.");
    }

    /// <summary>The optimizers the race would show, in the order of the modern-optimizers issue; those registered run.</summary>
    internal static readonly string[] RaceCandidates =
        ["adamw", "adafactor", "muon", "lion", "lamb", "lars", "schedulefree_adamw", "adopt", "ademamix", "prodigy"];

    // The race runs at most this many epochs, so that ten optimizers over five seeds stay within a minute.
    private const int RaceEpochs = 10;

    /// <summary>The race's candidates that the registry knows.</summary>
    internal static string[] RacedOptimizers() => RaceCandidates.Where(OptimizerRegistry.Contains).ToArray();

    private static void OptimizerRace(HtmlReport report, string[] optimizers, int epochs, int seeds)
    {
        report.AddHeading("Spam: modern optimizers");
        report.AddParagraph($"MlpClassifier with 100 neurons, dropout 0.1, batch size 32 and {epochs} epochs on the spam task, trained by "
            + $"{string.Join(", ", optimizers)}, each with its default hyperparameters; train log loss per epoch, mean and range over {seeds} seeds.");
        ClassificationTask spam = Tasks.Spam();
        var series = new List<CurveSeries>();
        foreach (string optimizer in optimizers)
        {
            var runs = new List<double[]>();
            for (ulong seed = 1; seed <= (ulong)seeds; seed++)
            {
                var history = new History();
                var learner = new MlpClassifier
                {
                    Neurons = [100], BatchSize = 32, Epochs = epochs, Seed = seed, Optimizer = optimizer,
                    Callbacks = { history, new TerminateOnNaN() }, MeasuresTrain = { Measures.LogLoss },
                };
                learner.Train(spam);
                bool cut = false;
                double[] curve = Figures.FinitePart(history.Epochs.Select(x => x.Train["classif.logloss"]).ToArray(), ref cut);
                if (curve.Length > 0)
                {
                    runs.Add(curve);
                }
            }
            if (runs.Count > 0)
            {
                // A diverged run is drawn as far as every run of the optimizer is finite.
                int length = runs.Min(c => c.Length);
                series.Add(new CurveSeries(optimizer, runs.Select(c => c[..length]).ToList()));
            }
        }
        report.AddFigure(new LearningCurves("Modern optimizers on spam: train log loss", "train log loss", series, logY: true),
            "Mean and range over seeds, per epoch, one curve per optimizer at its defaults.");
    }

    private static void Schedules(HtmlReport report)
    {
        report.AddHeading("Learning-rate schedules");
        report.AddParagraph("300 steps from a base learning rate of 0.1 (one-cycle and cyclic also cycle the momentum, shown below the rates).");
        const int steps = 300;
        (string Label, Func<Optimizer, LRScheduler> Create)[] schedules =
        [
            ("step (every 100, γ 0.3)", o => new StepLR(o, 100, 0.3)),
            ("cosine", o => new CosineAnnealingLR(o, steps)),
            ("warm-up 30 + cosine", o => Schedule.WarmupCosineScheduler(o, 30, steps)),
            ("one-cycle (max 0.1)", o => new OneCycleLR(o, 0.1, totalSteps: steps + 1)),
            ("cyclic triangular", o => new CyclicLR(o, 0.01, 0.1, stepSizeUp: 50)),
        ];
        var series = schedules.Select(s =>
        {
            SampledSchedule sampled = Schedule.Sample(s.Create, steps, 0.1);
            return new ScheduleSeries(s.Label, sampled.Lr, sampled.Momentum);
        }).ToArray();
        report.AddFigure(new SchedulePlot("Learning-rate schedules", series), "Each schedule's learning rate per step.");
    }

    private static void BatchSizes(HtmlReport report)
    {
        report.AddHeading("Batch size: gradient noise and step time");
        ClassificationTask spam = Tasks.Spam();
        int[] sizes = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
        IReadOnlyList<GradientNoisePoint> points = GradientNoise.Measure(spam, sizes, draws: 30);
        report.AddParagraph("The standard error of the mini-batch gradient (its root mean squared distance from the full-data gradient) " +
            "for an MLP with 100 neurons at its initial weights on standardized spam, against the σ/√B of independent sampling.");
        report.AddFigure(new GradientNoisePlot("Mini-batch gradient noise on spam", sizes, points.Select(p => p.StandardError).ToArray()),
            "Measured standard error against σ/√B, with σ fitted to all batch sizes.");
        report.AddFigure(new StepTimePlot("Time per optimization step on spam", [new StepTimeSeries("forward + backward + SGD step", sizes, points.Select(p => p.MicrosecondsPerStep / 1000).ToArray())]),
            "Median time of one step, measured on this machine.");
    }

    private static void StateDict(HtmlReport report)
    {
        report.AddHeading("An optimizer's state dict");
        report.AddParagraph("AdamW with its defaults on a Linear(1, 1) after one step, as OptimizerStateDict.ToString() prints it.");
        var model = new Linear(1, 1, generator: new Generator(1));
        var optimizer = new AdamW(model.Parameters());
        Functional.MseLoss(model.Forward(Tensor.FromArray([1f, 2f, 3f], 3, 1)), Tensor.FromArray([2f, 4f, 6f], 3, 1)).Backward();
        optimizer.Step();
        report.AddPreformatted(optimizer.StateDict().ToString());
    }
}
