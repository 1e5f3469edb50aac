using Descent.Training;

namespace Descent.Distributed;

/// <summary>
/// A learner's settings as a study stores them, so that every worker builds the same learner: its kind, every
/// hyperparameter <see cref="MlpLearner.SetHyperparameter"/> takes, the optimizer options set explicitly, the seed,
/// validation, standardization and the measures. Callbacks, a custom loss and a validation task do not travel.
/// </summary>
public sealed record LearnerSpec
{
    /// <summary><c>classif</c> or <c>regr</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The learner settings by their tuning names (<c>neurons</c>, <c>epochs</c>, …), encoded with their types.</summary>
    public required Dictionary<string, string> Settings { get; init; }

    /// <summary>The optimizer options set explicitly, encoded with their types.</summary>
    public required Dictionary<string, string> OptimizerOptions { get; init; }

    /// <summary>The learner's seed, if it has one.</summary>
    public ulong? Seed { get; init; }

    /// <summary>The validation fraction, if any.</summary>
    public double? ValidationRatio { get; init; }

    /// <summary>Whether early stopping restores the best weights.</summary>
    public bool RestoreBestWeights { get; init; }

    /// <summary>The ids of the measures recorded on the training rows.</summary>
    public required string[] MeasuresTrain { get; init; }

    /// <summary>The ids of the measures recorded on the validation rows.</summary>
    public required string[] MeasuresValid { get; init; }

    /// <summary>For a classifier, <c>Response</c> or <c>Prob</c>.</summary>
    public string? PredictType { get; init; }

    /// <summary>The settings of <paramref name="learner"/>.</summary>
    /// <exception cref="ArgumentException">The learner has callbacks, a custom loss or a validation task, which a study cannot carry.</exception>
    public static LearnerSpec From(MlpLearner learner)
    {
        ArgumentNullException.ThrowIfNull(learner);
        if (learner.Callbacks.Count > 0 || learner.Loss is not null || learner.ValidationTask is not null)
        {
            throw new ArgumentException("A study carries a learner's settings only: remove its callbacks, custom loss and validation task.", nameof(learner));
        }
        return new LearnerSpec
        {
            Kind = learner is MlpClassifier ? "classif" : "regr",
            Settings = LearnerSetting.All.ToDictionary(s => s.Name, s => ValueCodec.Encode(s.Get(learner))),
            OptimizerOptions = learner.OptimizerOptions.ToDictionary(kv => kv.Key, kv => ValueCodec.Encode(kv.Value)),
            Seed = learner.Seed,
            ValidationRatio = learner.ValidationRatio,
            RestoreBestWeights = learner.RestoreBestWeights,
            MeasuresTrain = learner.MeasuresTrain.Select(m => m.Id).ToArray(),
            MeasuresValid = learner.MeasuresValid.Select(m => m.Id).ToArray(),
            PredictType = (learner as MlpClassifier)?.PredictType.ToString(),
        };
    }

    /// <summary>A new learner with these settings.</summary>
    public MlpLearner Create()
    {
        MlpLearner learner = Kind switch
        {
            "classif" => new MlpClassifier { PredictType = Enum.Parse<PredictType>(PredictType ?? nameof(Training.PredictType.Response)) },
            "regr" => new MlpRegressor(),
            _ => throw new InvalidDataException($"The study's learner kind '{Kind}' is neither classif nor regr."),
        };
        // The optimizer first, since the other names are checked against the optimizer in force.
        foreach ((string name, string value) in Settings.OrderBy(kv => kv.Key == "optimizer" ? 0 : 1))
        {
            learner.SetHyperparameter(name, ValueCodec.Decode(value));
        }
        foreach ((string name, string value) in OptimizerOptions)
        {
            learner.OptimizerOptions[name] = ValueCodec.Decode(value);
        }
        learner.Seed = Seed;
        learner.ValidationRatio = ValidationRatio;
        learner.RestoreBestWeights = RestoreBestWeights;
        learner.MeasuresTrain.AddRange(MeasuresTrain.Select(Measures.Get));
        learner.MeasuresValid.AddRange(MeasuresValid.Select(Measures.Get));
        return learner;
    }
}
