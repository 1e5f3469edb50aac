namespace Descent.Training;

/// <summary>What <see cref="Resample.Run(MlpLearner, SupervisedTask, Resampling, IReadOnlyList{Measure}, ulong?, int)"/> returns: per-iteration scores and predictions, and their aggregate.</summary>
public sealed class ResampleResult(MlpLearner learner, SupervisedTask task, ResamplingInstance instance, IReadOnlyList<Measure> measures,
    IReadOnlyList<ResampleIteration> iterations)
{

    /// <summary>The learner that was resampled (itself untrained by resampling; each iteration trained a clone).</summary>
    public MlpLearner Learner { get; } = learner;

    /// <summary>The task.</summary>
    public SupervisedTask Task { get; } = task;

    /// <summary>The splits used.</summary>
    public ResamplingInstance Instance { get; } = instance;

    /// <summary>The measures scored.</summary>
    public IReadOnlyList<Measure> Measures { get; } = measures;

    /// <summary>The iterations, in order.</summary>
    public IReadOnlyList<ResampleIteration> Iterations { get; } = iterations;

    /// <summary>The test-set prediction of every iteration.</summary>
    public IReadOnlyList<Prediction> Predictions => Iterations.Select(i => i.Prediction).ToArray();

    /// <summary>The scores of measure <paramref name="measureId"/>, one per iteration.</summary>
    /// <exception cref="ArgumentException">The measure was not scored.</exception>
    public IReadOnlyList<double> Scores(string measureId)
    {
        ArgumentNullException.ThrowIfNull(measureId);
        if (!Measures.Any(m => m.Id == measureId))
        {
            throw new ArgumentException($"The measure '{measureId}' was not scored (scored: {string.Join(", ", Measures.Select(m => m.Id))}).", nameof(measureId));
        }
        return Iterations.Select(i => i.Scores[measureId]).ToArray();
    }

    /// <summary>The mean of each measure over the iterations (mlr3's macro aggregation), by measure id.</summary>
    public IReadOnlyDictionary<string, double> Aggregate() => Measures.ToDictionary(m => m.Id, m => Scores(m.Id).Average());

    /// <summary>The mean of <paramref name="measure"/> over the iterations.</summary>
    public double Aggregate(Measure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return Scores(measure.Id).Average();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Learner.Id} on '{Task.Id}' with {Instance.Resampling}: {SettingFormat.Format(Aggregate().Select(kv => new KeyValuePair<string, object?>(kv.Key, kv.Value)))}";
}
