using System.CommandLine;
using Descent.Training;

namespace Descent.Cli.Arguments;

/// <summary><c>--task</c> (a built-in name or a CSV file), <c>--target</c> and <c>--positive</c>.</summary>
internal sealed class TaskArguments
{
    public Option<string> Task { get; } = new("--task")
    {
        Description = "A built-in task (spam, iris, mtcars) or the path of a CSV file (then give --target).",
        DefaultValueFactory = _ => "spam",
    };

    public Option<string?> Target { get; } = new("--target") { Description = "The target column of a CSV task." };

    public Option<string?> Positive { get; } = new("--positive") { Description = "The positive class of a binary CSV task." };

    public void AddTo(Command command)
    {
        command.Options.Add(Task);
        command.Options.Add(Target);
        command.Options.Add(Positive);
    }

    public SupervisedTask Read(ParseResult parse)
    {
        string task = parse.GetValue(Task)!;
        if (Tasks.Names.Contains(task.ToLowerInvariant()))
        {
            return Tasks.Get(task);
        }
        if (!task.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !task.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase) && !File.Exists(task))
        {
            throw new ArgumentException($"--task: '{task}' is neither a built-in task ({string.Join(", ", Tasks.Names)}) nor a CSV file.");
        }
        string target = parse.GetValue(Target) ?? throw new ArgumentException($"--task {task}: a CSV task needs --target (the target column).");
        return CsvTaskReader.Read(task, target, parse.GetValue(Positive));
    }
}
