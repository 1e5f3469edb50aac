using Descent.Training;
using Spectre.Console;

namespace Descent.Cli;

/// <summary>
/// Training progress on an interactive terminal: a live bar with the epoch, the batch, the epoch's mean loss so far
/// and the time left. The training layer's <see cref="Training.Progress"/> writes plain lines instead, for logs and pipes.
/// </summary>
internal sealed class LiveProgress : Callback
{
    private readonly IAnsiConsole _console;
    private Thread? _display;
    private volatile bool _done;

    public LiveProgress(IAnsiConsole console) => _console = console;

    public override string Id => "progress";

    /// <summary>A live bar on an interactive terminal, plain lines per epoch otherwise.</summary>
    public static Callback ForConsole() => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive
        ? new LiveProgress(AnsiConsole.Console)
        : new Training.Progress(Console.Out);

    public override void OnBegin(TrainingContext context)
    {
        _done = false;
        _display = new Thread(() => Display(context)) { IsBackground = true, Name = "descent progress" };
        _display.Start();
    }

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

    private static void Update(ProgressTask task, TrainingContext context)
    {
        task.Value = Math.Min(task.MaxValue, context.Step);
        task.Description = Markup.Escape(Training.Progress.Describe(context));
    }
}
