using System.Diagnostics;

namespace Descent.Training;

/// <summary>
/// Hyperparameter tuning, as mlr3tuning's <c>tune()</c>: every configuration a <see cref="SearchStrategy"/>
/// proposes is set on a clone of the learner and resampled, and the configuration with the best aggregated score wins.
/// </summary>
/// <remarks>
/// The resampling is instantiated once, so every configuration is scored on the same splits and, for a learner
/// without its own seed, from the same derived initialization seeds: differences between trials come from the
/// hyperparameters, not from luck of the draw. A trial whose score is NaN (a diverged run) never wins unless every
/// trial is NaN; ties go to the earlier trial. Configurations are set in the order <c>optimizer</c>, the other
/// learner settings, then optimizer keys, and all are set before the first trial runs, so a bad name or value fails
/// at once. With several <c>workers</c>, trials run on that many threads at once; each trial is the same computation
/// as in a serial run (its kernels run on the calling thread when the shared pool is busy, which gives the same
/// bits), so the archive and the winner are identical to a serial run's.
/// </remarks>
public static class Tuner
{
    /// <summary>Tunes <paramref name="learner"/> on <paramref name="task"/>.</summary>
    /// <param name="learner">The learner; cloned for every trial and left as it is.</param>
    /// <param name="task">The task.</param>
    /// <param name="resampling">How each configuration is evaluated.</param>
    /// <param name="measure">The measure to optimize (minimized or maximized as the measure says).</param>
    /// <param name="searchSpace">The hyperparameters and their ranges.</param>
    /// <param name="strategy">How configurations are chosen.</param>
    /// <param name="seed">The seed of the resampling; null draws one.</param>
    /// <param name="workers">How many trials run at once, on as many threads; 1 runs them one after another.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workers"/> is below 1.</exception>
    /// <exception cref="ArgumentException">An empty search space, an unknown hyperparameter (the message lists the known ones), or a task of the wrong kind.</exception>
    public static TuningResult Tune(MlpLearner learner, SupervisedTask task, Resampling resampling, Measure measure, SearchSpace searchSpace,
        SearchStrategy strategy, ulong? seed = null, int workers = 1)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(resampling);
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(searchSpace);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        IReadOnlyList<IReadOnlyDictionary<string, object>> configurations = strategy.Configurations(searchSpace);
        MlpLearner[] learners = configurations.Select(c => Configure(learner, c)).ToArray();
        learner.OutputSize(task);
        ulong usedSeed = SeedSequence.OrRandom(seed);
        ResamplingInstance instance = resampling.Instantiate(task, usedSeed);

        var archive = new TuningTrial[configurations.Count];
        Parallelism.For(archive.Length, workers, i =>
        {
            var watch = Stopwatch.StartNew();
            ResampleResult result = Resample.Run(learners[i], task, instance, [measure]);
            archive[i] = new TuningTrial(i, configurations[i], result.Aggregate(measure), watch.Elapsed, result);
        });
        TuningTrial best = Best(archive, measure, t => t.Score);
        return new TuningResult(measure, archive, best, Configure(learner, best.Configuration), usedSeed);
    }

    /// <summary>
    /// The winner of <paramref name="trials"/> in their order: the best score by <paramref name="measure"/>, a NaN only
    /// when every score is NaN, ties to the earlier trial.
    /// </summary>
    public static T Best<T>(IReadOnlyList<T> trials, Measure measure, Func<T, double> score)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(score);
        if (trials.Count == 0)
        {
            throw new ArgumentException("There is no trial to choose from.", nameof(trials));
        }
        T best = trials[0];
        foreach (T trial in trials.Skip(1))
        {
            double s = score(trial);
            double b = score(best);
            if ((double.IsNaN(b) && !double.IsNaN(s)) || measure.IsBetter(s, b))
            {
                best = trial;
            }
        }
        return best;
    }

    /// <summary>A clone of <paramref name="learner"/> with <paramref name="configuration"/> set.</summary>
    internal static MlpLearner Configure(MlpLearner learner, IReadOnlyDictionary<string, object> configuration)
    {
        MlpLearner clone = learner.Clone();
        // The optimizer first, since its keys are checked against the optimizer in force.
        foreach ((string name, object value) in configuration.OrderBy(kv => kv.Key == "optimizer" ? 0 : LearnerSetting.Find(kv.Key) is null ? 2 : 1))
        {
            clone.SetHyperparameter(name, value);
        }
        return clone;
    }
}
