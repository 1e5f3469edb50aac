namespace Descent.Distributed;

/// <summary>
/// Everything a worker needs to run any trial of a study, stored once as JSON: the task, the learner, how a
/// configuration is scored, and the strategy. The configurations themselves are stored beside it, one per trial.
/// </summary>
public sealed record StudyDefinition
{
    /// <summary>The task.</summary>
    public required TaskSource Task { get; init; }

    /// <summary>The learner every configuration is set on.</summary>
    public required LearnerSpec Learner { get; init; }

    /// <summary>The id of the measure optimized.</summary>
    public required string Measure { get; init; }

    /// <summary>The cross-validation folds per configuration.</summary>
    public required int Folds { get; init; }

    /// <summary>The seed of the resampling splits (and of learners without their own seed).</summary>
    public required ulong Seed { get; init; }

    /// <summary><c>random</c>, <c>grid</c> or <c>asha</c>.</summary>
    public required string Strategy { get; init; }

    /// <summary>The search space, as text for people to read.</summary>
    public required string Space { get; init; }

    /// <summary>The number of configurations.</summary>
    public required int Configurations { get; init; }

    /// <summary>The successive-halving settings when <see cref="Strategy"/> is <c>asha</c>.</summary>
    public AshaSettings? Asha { get; init; }

    /// <summary>How long a running trial stays claimed without a heartbeat before it is given to another worker.</summary>
    public required double LeaseSeconds { get; init; }

    /// <summary>The learner's id and the task's, as <c>classif.mlp on spam</c>: the header of the leaderboard.</summary>
    public required string Title { get; init; }
}
