using System.Diagnostics;

namespace Descent.Training;

/// <summary>
/// Estimates a learner's performance by resampling, as mlr3's <c>resample()</c>: for every iteration a clone of the
/// learner is trained on the train rows and scored on the test rows.
/// </summary>
/// <remarks>
/// Iterations are independent and reproducible: each trains a fresh <see cref="MlpLearner.Clone"/>, and a learner
/// without a <see cref="MlpLearner.Seed"/> gets one derived from the resampling seed and the iteration, so the same
/// seed gives the same splits, the same models and the same scores. A learner with a seed keeps it in every
/// iteration. Predictions always hold class probabilities, so that every measure can score them. With several
/// <c>workers</c> the iterations run on that many threads at once and give the same results as one after another.
/// </remarks>
public static class Resample
{
    /// <summary>Instantiates <paramref name="resampling"/> on <paramref name="task"/> with <paramref name="seed"/> and resamples.</summary>
    /// <param name="learner">The learner; it is cloned and left as it is.</param>
    /// <param name="task">The task.</param>
    /// <param name="resampling">How to split the rows.</param>
    /// <param name="measures">The measures to score on each test set; at least one.</param>
    /// <param name="seed">The seed of the splits and of learners without a seed; null draws one (see <see cref="ResamplingInstance.Seed"/>).</param>
    /// <param name="workers">How many iterations run at once; 1 runs them one after another.</param>
    /// <exception cref="ArgumentException">No measures, a task of the wrong kind for the learner, or a resampling the task cannot take.</exception>
    public static ResampleResult Run(MlpLearner learner, SupervisedTask task, Resampling resampling, IReadOnlyList<Measure> measures, ulong? seed = null,
        int workers = 1)
    {
        ArgumentNullException.ThrowIfNull(resampling);
        ArgumentNullException.ThrowIfNull(task);
        return Run(learner, task, resampling.Instantiate(task, SeedSequence.OrRandom(seed)), measures, workers);
    }

    /// <summary>Resamples on splits already drawn, for example to compare learners on the very same rows.</summary>
    /// <exception cref="ArgumentException">No measures, a task of the wrong kind, or an instance drawn for a task of another size.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workers"/> is below 1.</exception>
    public static ResampleResult Run(MlpLearner learner, SupervisedTask task, ResamplingInstance instance, IReadOnlyList<Measure> measures,
        int workers = 1)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(instance);
        CheckMeasures(measures);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (instance.NRow != task.NRow)
        {
            throw new ArgumentException(
                $"The resampling instance was drawn for task '{instance.TaskId}' with {instance.NRow} rows, but task '{task.Id}' has {task.NRow}.", nameof(instance));
        }
        learner.OutputSize(task);
        var iterations = new ResampleIteration[instance.Iterations];
        Parallelism.For(iterations.Length, workers, i =>
        {
            var watch = Stopwatch.StartNew();
            MlpLearner clone = learner.Clone();
            clone.Seed = learner.Seed ?? SeedSequence.Derive(instance.Seed, i);
            IReadOnlyList<int> train = instance.TrainSet(i);
            IReadOnlyList<int> test = instance.TestSet(i);
            clone.Train(task.Subset(train));
            Prediction prediction = clone.PredictForScoring(task.Subset(test));
            var scores = measures.ToDictionary(m => m.Id, m => m.Score(prediction));
            iterations[i] = new ResampleIteration(i, train, test, clone, prediction, scores, watch.Elapsed);
        });
        return new ResampleResult(learner, task, instance, [.. measures], iterations);
    }

    internal static void CheckMeasures(IReadOnlyList<Measure> measures)
    {
        ArgumentNullException.ThrowIfNull(measures);
        if (measures.Count == 0)
        {
            throw new ArgumentException("At least one measure is needed to score the test sets.", nameof(measures));
        }
        if (measures.Any(m => m is null))
        {
            throw new ArgumentException("The measures must not contain null.", nameof(measures));
        }
        string? duplicate = measures.GroupBy(m => m.Id).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw new ArgumentException($"The measure '{duplicate}' is given twice.", nameof(measures));
        }
    }
}
