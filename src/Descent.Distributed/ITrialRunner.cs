namespace Descent.Distributed;

/// <summary>What runs one trial for a <see cref="Worker"/>: the real one trains and scores an MLP; tests plug in others.</summary>
internal interface ITrialRunner
{
    /// <summary>Runs <paramref name="trial"/> of the study with <paramref name="configuration"/> and returns its scores.</summary>
    Task<TrialOutcome> RunAsync(StudyStore store, StudyDefinition definition, TrialId trial, IReadOnlyDictionary<string, object> configuration);
}
