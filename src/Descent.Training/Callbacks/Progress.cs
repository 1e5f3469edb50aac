using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Descent.Training;

/// <summary>
/// Shows training progress: on an interactive terminal a live bar with the epoch, batch, last loss and the time
/// left; when output is redirected (a log, a pipe, CI) one plain line per epoch with its scores.
/// </summary>
public sealed class Progress : Callback
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _plain;
    private readonly bool _live;
    private readonly Stopwatch _clock = new();
    private Thread? _display;
    private volatile bool _done;
    private int _epoch;
    private int _batch;
    private double _loss = double.NaN;

    /// <summary>Creates the callback for the standard console, live when it is interactive.</summary>
    public Progress()
        : this(AnsiConsole.Console, live: !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive, Console.Out)
    {
    }

    /// <summary>
    /// Creates the callback: a live bar on <paramref name="console"/> when <paramref name="live"/>, otherwise plain
    /// lines (never wrapped, so logs stay one line per epoch) on <paramref name="plain"/>.
    /// </summary>
    public Progress(IAnsiConsole console, bool live, TextWriter plain)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(plain);
        _console = console;
        _live = live;
        _plain = plain;
    }

    /// <inheritdoc/>
    public override string Id => "progress";

    /// <inheritdoc/>
    public override void OnBegin(TrainingContext context)
    {
        _clock.Restart();
        _done = false;
        if (_live)
        {
            _display = new Thread(() => Display(context)) { IsBackground = true, Name = "descent progress" };
            _display.Start();
        }
    }

    /// <inheritdoc/>
    public override void OnEpochBegin(TrainingContext context) => _epoch = context.Epoch;

    /// <inheritdoc/>
    public override void OnBatchEnd(TrainingContext context)
    {
        _batch = context.BatchIndex + 1;
        _loss = context.LastLoss;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context)
    {
        if (_live)
        {
            return;
        }
        string scores = string.Join("  ", context.TrainScores.Select(kv => $"train.{kv.Key} {Format(kv.Value)}")
            .Concat(context.ValidationScores.Select(kv => $"valid.{kv.Key} {Format(kv.Value)}")));
        _plain.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {context.Epoch}/{context.TotalEpochs}  loss {Format(context.LastLoss)}  {scores}  {_clock.Elapsed.TotalSeconds:F1} s").TrimEnd());
    }

    /// <inheritdoc/>
    public override void OnExit(TrainingContext context)
    {
        _done = true;
        _display?.Join();
        _display = null;
    }

    private void Display(TrainingContext context)
    {
        _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                int total = Math.Max(1, context.TotalEpochs * Math.Max(1, context.BatchesPerEpoch));
                ProgressTask task = ctx.AddTask("training", maxValue: total);
                while (!_done)
                {
                    Update(task, context);
                    Thread.Sleep(100);
                }
                Update(task, context);
                task.StopTask();
            });
    }

    private void Update(ProgressTask task, TrainingContext context)
    {
        task.Value = Math.Min(task.MaxValue, context.Step);
        task.Description = string.Create(CultureInfo.InvariantCulture,
            $"epoch {_epoch}/{context.TotalEpochs}  batch {_batch}/{context.BatchesPerEpoch}  loss {Format(_loss)}");
    }

    private static string Format(double v) => double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);
}
