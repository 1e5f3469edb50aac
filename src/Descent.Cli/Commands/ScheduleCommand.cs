using System.CommandLine;
using Descent.Cli.Arguments;
using Descent.Optim.Schedulers;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary><c>descent schedule</c>: the learning rate (and momentum where it cycles) of a scheduler over steps.</summary>
internal static class ScheduleCommand
{
    public static Command Create()
    {
        var scheduler = new SchedulerArguments();
        var steps = new Option<int>("--steps") { Description = "Number of scheduler steps.", DefaultValueFactory = _ => 300 };
        var lr = new Option<double>("--lr") { Description = "The base learning rate.", DefaultValueFactory = _ => 0.1 };
        var output = new Option<string>("--out") { Description = "Folder for schedule.csv and the figure.", DefaultValueFactory = _ => "runs/schedule" };
        var command = new Command("schedule", "Draw a learning-rate schedule (and its momentum, where it cycles one) over steps.") { steps, lr, output };
        scheduler.AddTo(command);
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            int n = parse.GetValue(steps);
            if (n <= 0)
            {
                throw new ArgumentException($"--steps must be positive, got {n}.");
            }
            string name = scheduler.Name(parse);
            Func<Optim.Optimizer, LRScheduler> create = scheduler.Build(parse, n) ?? (o => new LambdaLR(o, _ => 1.0));
            if (name == "plateau")
            {
                throw new ArgumentException("--scheduler plateau depends on a measured metric; draw it with 'descent train --scheduler plateau' instead.");
            }
            string dir = OutputFolder.Prepare(parse.GetValue(output)!);
            SampledSchedule schedule = Schedule.Sample(create, n, parse.GetValue(lr));
            string csv = Path.Combine(dir, "schedule.csv");
            Csv.Write(csv, schedule.Momentum is null ? ["step", "lr"] : ["step", "lr", "momentum"],
                schedule.Lr.Select((v, i) => (IReadOnlyList<object?>)(schedule.Momentum is null ? [i, v] : [i, v, schedule.Momentum[i]])));
            string[] figures = Figures.Schedule(name, schedule, Path.Combine(dir, "schedule"));
            AnsiConsole.WriteLine($"{name}: lr from {schedule.Lr[0]:G4} to {schedule.Lr[^1]:G4}, peak {schedule.Lr.Max():G4}");
            foreach (string f in new[] { csv }.Concat(figures))
            {
                AnsiConsole.WriteLine($"wrote {f}");
            }
            return 0;
        }));
        return command;
    }
}
