namespace Descent.Training;

/// <summary>
/// Compares learners on tasks, as mlr3's <c>benchmark(benchmark_grid(tasks, learners, resamplings))</c>: every
/// learner is resampled on every task with every resampling, and the results aggregated into one table.
/// </summary>
/// <remarks>
/// Each resampling is instantiated once per task from the seed, so all learners are scored on the very same
/// splits and, unless they set their own, start from the same derived seeds (see <see cref="Resample"/>).
/// Every learner is checked against every task before anything trains, so a mismatch fails at once. With several
/// <c>workers</c> the resamplings run on that many threads at once; the rows come out in the same order and with the
/// same results as one after another.
/// </remarks>
public static class Benchmark
{
    /// <summary>Runs the grid <paramref name="learners"/> × <paramref name="tasks"/> × <paramref name="resamplings"/>.</summary>
    /// <param name="learners">The learners; each is cloned per iteration and left as it is.</param>
    /// <param name="tasks">The tasks.</param>
    /// <param name="resamplings">The resampling strategies.</param>
    /// <param name="measures">The measures to score, at least one.</param>
    /// <param name="seed">The seed of the splits and of learners without a seed; null draws one.</param>
    /// <param name="workers">How many resamplings run at once; 1 runs them one after another.</param>
    /// <exception cref="ArgumentException">An empty list, or a learner that cannot train on one of the tasks.</exception>
    public static BenchmarkResult Run(IEnumerable<MlpLearner> learners, IEnumerable<SupervisedTask> tasks, IEnumerable<Resampling> resamplings,
        IReadOnlyList<Measure> measures, ulong? seed = null, int workers = 1)
    {
        MlpLearner[] learnerList = NonEmpty(learners, nameof(learners));
        SupervisedTask[] taskList = NonEmpty(tasks, nameof(tasks));
        Resampling[] resamplingList = NonEmpty(resamplings, nameof(resamplings));
        Resample.CheckMeasures(measures);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        foreach (SupervisedTask task in taskList)
        {
            foreach (MlpLearner learner in learnerList)
            {
                learner.OutputSize(task);
            }
        }
        ulong baseSeed = SeedSequence.OrRandom(seed);
        var cells = new List<(MlpLearner Learner, SupervisedTask Task, ResamplingInstance Instance)>();
        foreach (SupervisedTask task in taskList)
        {
            foreach (Resampling resampling in resamplingList)
            {
                ResamplingInstance instance = resampling.Instantiate(task, baseSeed);
                cells.AddRange(learnerList.Select(learner => (learner, task, instance)));
            }
        }
        var results = new ResampleResult[cells.Count];
        Parallelism.For(cells.Count, workers,
            i => results[i] = Resample.Run(cells[i].Learner, cells[i].Task, cells[i].Instance, measures));
        return new BenchmarkResult(results, [.. measures]);
    }

    private static T[] NonEmpty<T>(IEnumerable<T> items, string name)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items, name);
        T[] array = items.ToArray();
        if (array.Length == 0)
        {
            throw new ArgumentException($"The benchmark needs at least one entry in {name}.", name);
        }
        if (array.Any(x => x is null))
        {
            throw new ArgumentException($"{name} must not contain null.", name);
        }
        return array;
    }
}
