namespace Descent.Training;

/// <summary>What <see cref="Tuner.Tune"/> returns: the archive of every trial, the best one, and a learner set to it.</summary>
public sealed class TuningResult(Measure measure, IReadOnlyList<TuningTrial> archive, TuningTrial best, MlpLearner tunedLearner, ulong seed)
{

    /// <summary>The measure optimized.</summary>
    public Measure Measure { get; } = measure;

    /// <summary>Every trial, in the order evaluated.</summary>
    public IReadOnlyList<TuningTrial> Archive { get; } = archive;

    /// <summary>The trial with the best score.</summary>
    public TuningTrial BestTrial { get; } = best;

    /// <summary>The best configuration.</summary>
    public IReadOnlyDictionary<string, object> BestConfiguration => BestTrial.Configuration;

    /// <summary>The best aggregated score.</summary>
    public double BestScore => BestTrial.Score;

    /// <summary>A clone of the tuned learner set to the best configuration, untrained: train it on the whole task to use it.</summary>
    public MlpLearner TunedLearner { get; } = tunedLearner;

    /// <summary>The seed of the resampling splits (and of learners without their own seed).</summary>
    public ulong Seed { get; } = seed;

    /// <inheritdoc/>
    public override string ToString() => $"best of {Archive.Count} by {Measure.Id}: {BestTrial}";
}
