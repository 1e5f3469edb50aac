using System.Collections.Concurrent;

namespace Descent.Distributed.Tests;

/// <summary>
/// A trial objective for queue tests: the score is twice the configuration's <c>x</c>, after an optional pause, so
/// thousands of trials pass through the real queue in seconds and every result can be checked against its input.
/// </summary>
internal sealed class FakeRunner(TimeSpan pause = default) : ITrialRunner
{
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public async Task<TrialOutcome> RunAsync(StudyStore store, StudyDefinition definition, TrialId trial, IReadOnlyDictionary<string, object> configuration)
    {
        Calls.AddOrUpdate(trial.ToString(), 1, (_, n) => n + 1);
        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause);
        }
        double x = (double)configuration["x"];
        return new TrialOutcome(2 * x, [2 * x], 1);
    }
}
