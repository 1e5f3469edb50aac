using System.CommandLine;
using Descent.Cli.Arguments;
using Descent.Distributed;
using Descent.Training;

namespace Descent.Cli.Studies;

/// <summary><c>descent tune --redis … --study NAME</c>: creates a study and waits for it, or prints where it stands.</summary>
internal static class StudyTune
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Creates the study (unless it exists with the same settings), then returns or waits for it and prints the leaderboard.</summary>
    public static int Run(RedisArguments redis, ParseResult parse, StudyPlan plan, bool enqueueOnly, int localWorkers)
    {
        using StudyConnection connection = redis.Connect(parse, Console.Error.WriteLine);
        TaskSource source = Tasks.Names.Contains(plan.TaskOption.ToLowerInvariant())
            ? new TaskSource { Name = plan.TaskOption.ToLowerInvariant() }
            : connection.Tasks.PutAsync(plan.TaskOption, plan.Target!, plan.Positive).GetAwaiter().GetResult();
        var definition = new StudyDefinition
        {
            Task = source,
            Learner = LearnerSpec.From(plan.Learner),
            Measure = plan.Measure.Id,
            Folds = plan.Folds,
            Seed = plan.Seed,
            Strategy = plan.Strategy,
            Space = plan.Space.ToString(),
            Configurations = plan.Configurations.Count,
            Asha = plan.Asha,
            LeaseSeconds = plan.LeaseSeconds,
            Title = $"{plan.Learner.Id} on {plan.Task.Id}",
        };
        StudyStore study = connection.Study;
        bool created = study.CreateAsync(definition, plan.Configurations).GetAwaiter().GetResult();
        Console.WriteLine(created
            ? $"study {study.Name} on {connection.Address}: {plan.Configurations.Count} configurations queued ({plan.Strategy}, {plan.Space})"
            : $"study {study.Name} on {connection.Address} exists with these settings; its trials are not queued again");
        if (enqueueOnly)
        {
            return 0;
        }
        Task<int>[] local = Enumerable.Range(0, localWorkers).Select(i => Task.Run(() =>
            new Worker(study, connection.Tasks, new WorkerOptions { Id = $"{Environment.MachineName}:{Environment.ProcessId}:{i}" }).RunAsync())).ToArray();
        while (!study.IsCompleteAsync(definition).GetAwaiter().GetResult())
        {
            Thread.Sleep(s_poll);
        }
        // Rethrows a local worker's failure as itself, not wrapped.
        Task.WhenAll(local).GetAwaiter().GetResult();
        WriteStatus(connection, definition);
        return 0;
    }

    /// <summary>Prints the counts and the leaderboard of an existing study.</summary>
    public static int Status(RedisArguments redis, ParseResult parse)
    {
        using StudyConnection connection = redis.Connect(parse, Console.Error.WriteLine);
        StudyDefinition definition = connection.Study.DefinitionAsync().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException($"There is no study called '{connection.Study.Name}' on {connection.Address}.");
        WriteStatus(connection, definition);
        return 0;
    }

    private static void WriteStatus(StudyConnection connection, StudyDefinition definition)
    {
        StudyStore study = connection.Study;
        StudyCounts counts = study.CountsAsync().GetAwaiter().GetResult();
        IReadOnlyList<TrialResult> results = study.ResultsAsync().GetAwaiter().GetResult();
        IReadOnlyDictionary<int, IReadOnlyDictionary<string, object>> configurations = study.ConfigurationsAsync().GetAwaiter().GetResult();
        bool complete = study.IsCompleteAsync(definition).GetAwaiter().GetResult();
        long reruns = counts.Runs - counts.Done - counts.Failed - counts.Running;
        Console.WriteLine($"study {study.Name} ({definition.Strategy}, {definition.Configurations} configurations): {counts}"
            + $"{(reruns > 0 ? $", {reruns} re-run after a lost worker" : "")}{(complete ? ", complete" : "")}");
        foreach ((string trial, string message) in study.FailuresAsync().GetAwaiter().GetResult())
        {
            Console.WriteLine($"trial {trial} failed: {message}");
        }
        // Successive halving: each configuration by the highest rung it reached.
        LeaderboardRow[] rows = results.GroupBy(r => r.Configuration).Select(g => g.MaxBy(r => r.Rung)!)
            .Select(r => new LeaderboardRow(configurations[r.Configuration], r.Score, r.Seconds, definition.Asha is null ? null : r.Epochs))
            .ToArray();
        Leaderboard.Write($"{definition.Title}: {rows.Length} configurations, {definition.Folds}-fold CV", Measures.Get(definition.Measure), rows);
    }
}
