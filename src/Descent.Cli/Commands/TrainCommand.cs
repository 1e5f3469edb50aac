using System.CommandLine;
using System.Globalization;
using Descent.Cli.Arguments;
using Descent.Optim.Schedulers;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent train</c>: trains an MLP learner on a task with live progress, writes the history CSV, the learning
/// curve and a checkpoint into <c>--out</c>, and prints the final measures; <c>--resume</c> continues a run.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var setup = new LearnerSetup();
        var scheduler = new SchedulerArguments();
        var output = new Option<string>("--out") { Description = "Folder for history.csv, the learning curve, checkpoint.safetensors and model.safetensors.", DefaultValueFactory = _ => "runs/train" };
        var resume = new Option<string?>("--resume") { Description = "Continue the run saved in this checkpoint (same settings; --epochs is the new total)." };
        var every = new Option<int>("--checkpoint-every") { Description = "Epochs between checkpoints.", DefaultValueFactory = _ => 1 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress output." };
        var stopAfter = new Option<int?>("--stop-after") { Description = "End this process after this many epochs (of --epochs); --resume continues the same run." };

        var command = new Command("train", "Train an MLP on a task (built-in spam, iris, mtcars, or a CSV file) and draw its learning curve.");
        setup.AddTo(command);
        scheduler.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(resume);
        command.Options.Add(every);
        command.Options.Add(quiet);
        command.Options.Add(stopAfter);

        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            (SupervisedTask t, MlpLearner l) = setup.Read(parse);
            string outDir = OutputFolder.Prepare(parse.GetValue(output)!);
            string checkpointPath = Path.Combine(outDir, "checkpoint.safetensors");
            var history = new History();
            l.Callbacks.Add(history);
            AddScheduler(parse, scheduler, l, t);
            // A diverged run stops at its first loss that is not finite; its finite epochs are kept and drawn.
            l.Callbacks.Add(new TerminateOnNaN());
            if (!parse.GetValue(quiet))
            {
                l.Callbacks.Add(LiveProgress.ForConsole());
            }
            if (parse.GetValue(stopAfter) is int stop)
            {
                l.Callbacks.Add(new StopAfter(stop > 0 ? stop : throw new ArgumentException($"--stop-after must be positive, got {stop}.")));
            }
            l.Callbacks.Add(new Checkpoint(checkpointPath, parse.GetValue(every) is var n && n > 0 ? n : throw new ArgumentException($"--checkpoint-every must be positive, got {n}.")));

            // Ctrl-C stops after the current batch; the checkpoint of the last whole epoch stays for --resume.
            var interrupt = new Interrupt();
            l.Callbacks.Insert(0, interrupt);
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                interrupt.Requested = true;
            };
            Console.CancelKeyPress += onCancel;
            string? resumeFrom = parse.GetValue(resume);
            TrainedModel model;
            try
            {
                model = resumeFrom is null ? l.Train(t) : l.Resume(t, resumeFrom);
            }
            catch (RunSettingsMismatchException e)
            {
                throw new ArgumentException($"--resume: the checkpoint '{resumeFrom}' was made with other settings: "
                    + string.Join("; ", e.Differences.Select(d => $"--{d.Name} {d.Checkpoint} there, {d.Now} now"))
                    + " (only --epochs and the output options may change).", e);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }

            string historyPath = Path.Combine(outDir, "history.csv");
            history.SaveCsv(historyPath);
            string[] figures = Figures.LearningCurve(history, t, l, Path.Combine(outDir, "learning-curve"), diverged: model.DivergedAtEpoch is not null);
            // What predict, evaluate and export read: the network with its features, classes and standardization.
            string modelPath = Path.Combine(outDir, ModelPath.FileName);
            model.Save(modelPath);
            PrintSummary(model, l, t, [historyPath, .. figures, checkpointPath, modelPath]);
            // 130 is the shell's code for a run ended by Ctrl-C.
            return interrupt.Requested ? 130 : 0;
        }));
        return command;
    }

    /// <summary>Turns a Ctrl-C into a stop request after the current batch.</summary>
    private sealed class Interrupt : Callback
    {
        public volatile bool Requested;

        public override void OnBatchEnd(TrainingContext context)
        {
            if (Requested)
            {
                context.RequestStop("interrupted (Ctrl-C); the checkpoint holds the last whole epoch, continue with --resume");
            }
        }
    }

    private static void AddScheduler(ParseResult parse, SchedulerArguments scheduler, MlpLearner l, SupervisedTask t)
    {
        bool perBatch = scheduler.PerBatch(parse);
        int trainRows = l.ValidationRatio is double r ? t.NRow - (int)Math.Round(r * t.NRow) : t.NRow;
        int batches = (trainRows + l.BatchSize - 1) / l.BatchSize;
        int steps = perBatch ? l.Epochs * batches : l.Epochs;
        if (scheduler.Build(parse, steps) is { } factory)
        {
            string? monitor = scheduler.Name(parse) == "plateau" ? (l.MeasuresValid.Count > 0 ? "valid." : "train.") + l.MeasuresTrain[0].Id : null;
            l.Callbacks.Add(new LrScheduling(factory, perBatch ? SchedulerInterval.Batch : SchedulerInterval.Epoch, monitor) { Description = scheduler.Describe(parse) });
        }
    }

    private static void PrintSummary(TrainedModel model, MlpLearner l, SupervisedTask t, string[] files)
    {
        var table = new Table().Title($"{l.Id} on {t.Id}: {model.EpochsTrained} epochs, seed {model.Seed}").AddColumn("measure").AddColumn("train").AddColumn("validation");
        EpochRecord? last = model.History.Count > 0 ? model.History[^1] : null;
        foreach (string id in (last?.Train.Keys ?? []).Union(last?.Validation.Keys ?? []))
        {
            table.AddRow(Markup.Escape(id), Format(last!.Train, id), Format(last.Validation, id));
        }
        AnsiConsole.Write(table);
        if (model.DivergedAtEpoch is int k)
        {
            // Console, not AnsiConsole: these lines stay one line each, unwrapped.
            Console.WriteLine(Divergence(k, model.History.Count, l));
        }
        else if (model.StopReason is { } reason)
        {
            Console.WriteLine($"stopped early: {reason}");
        }
        foreach (string f in files)
        {
            AnsiConsole.WriteLine($"wrote {f}");
        }
    }

    /// <summary>What to say about a run whose loss stopped being finite in epoch <paramref name="epoch"/>.</summary>
    internal static string Divergence(int epoch, int wholeEpochs, MlpLearner l)
    {
        string lower = l.OptimizerOptions.TryGetValue("lr", out object? lr) && lr is double v
            ? string.Create(CultureInfo.InvariantCulture, $"a lower learning rate than {v:G4}, e.g. --lr {v / 10:G4}")
            : "a lower learning rate (--lr)";
        return $"diverged at epoch {epoch}: the loss stopped being finite and training stopped "
            + $"({wholeEpochs} whole epoch{(wholeEpochs == 1 ? "" : "s")} kept); try {lower}.";
    }

    private static string Format(IReadOnlyDictionary<string, double> scores, string id) =>
        scores.TryGetValue(id, out double v) ? Training.Progress.Format(v) : "";
}
