using System.CommandLine;
using Descent.Cli.Arguments;
using Descent.Distributed;

namespace Descent.Cli.Commands;

/// <summary><c>descent worker</c>: serves a study on Redis, pulling trials, running them and writing their results.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var redis = new RedisArguments();
        var maxTrials = new Option<int?>("--max-trials") { Description = "Stop after this many trials." };
        var idleExit = new Option<double?>("--idle-exit")
        {
            Description = "Stop after this many seconds with nothing to do (by default the worker stops when the study has ended).",
        };
        var command = new Command("worker", "Run trials of a study on Redis (see 'descent tune --redis'); start as many as you like, on any machine.")
        {
            maxTrials, idleExit,
        };
        redis.AddTo(command);
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            int? most = parse.GetValue(maxTrials);
            if (most is < 1)
            {
                throw new ArgumentException($"--max-trials must be at least 1, got {most}.");
            }
            double? idle = parse.GetValue(idleExit);
            if (idle is double i && !(i >= 0))
            {
                throw new ArgumentException($"--idle-exit must be a number of seconds, got {i}.");
            }
            using StudyConnection connection = redis.Connect(parse, Console.Error.WriteLine);
            var options = new WorkerOptions { MaxTrials = most, IdleExit = idle is double s ? TimeSpan.FromSeconds(s) : null };
            Console.WriteLine($"worker {options.Id} on study {connection.Study.Name} at {connection.Address}");
            int ran = new Worker(connection.Study, connection.Tasks, options, Console.WriteLine).RunAsync().GetAwaiter().GetResult();
            Console.WriteLine($"worker {options.Id}: {ran} trials run");
            return 0;
        }));
        return command;
    }
}
