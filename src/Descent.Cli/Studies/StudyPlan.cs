using Descent.Distributed;
using Descent.Training;

namespace Descent.Cli.Studies;

/// <summary>What <c>descent tune --redis</c> read from its options: the study to create.</summary>
internal sealed record StudyPlan(
    MlpLearner Learner,
    SupervisedTask Task,
    Measure Measure,
    int Folds,
    ulong Seed,
    string Strategy,
    SearchSpace Space,
    IReadOnlyList<IReadOnlyDictionary<string, object>> Configurations,
    AshaSettings? Asha,
    double LeaseSeconds,
    string TaskOption,
    string? Target,
    string? Positive);
