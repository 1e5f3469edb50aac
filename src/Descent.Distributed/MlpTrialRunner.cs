using Descent.Training;

namespace Descent.Distributed;

/// <summary>
/// Runs a trial as <see cref="Tuner"/> runs one: the configuration set on the study's learner, resampled on the splits
/// drawn from the study's seed, so a study's scores equal a serial <c>descent tune</c>'s bit for bit. A successive-halving
/// trial trains each fold to its rung's epochs, continuing from the previous rung's checkpoint of that fold (stored in
/// Redis) rather than from scratch, and stores its own checkpoint for the next rung.
/// </summary>
internal sealed class MlpTrialRunner : ITrialRunner
{
    private readonly TaskStore _tasks;
    private (StudyDefinition Definition, SupervisedTask Task, MlpLearner Learner, Measure Measure, ResamplingInstance Instance)? _study;

    public MlpTrialRunner(TaskStore tasks) => _tasks = tasks;

    public async Task<TrialOutcome> RunAsync(StudyStore store, StudyDefinition definition, TrialId trial, IReadOnlyDictionary<string, object> configuration)
    {
        (_, SupervisedTask task, MlpLearner baseLearner, Measure measure, ResamplingInstance instance) = await StudyAsync(definition).ConfigureAwait(false);
        MlpLearner learner = Tuner.Configure(baseLearner, configuration);
        if (definition.Asha is not { } asha)
        {
            ResampleResult result = await Task.Run(() => Resample.Run(learner, task, instance, [measure])).ConfigureAwait(false);
            return new TrialOutcome(result.Aggregate(measure), [.. result.Scores(measure.Id)], learner.Epochs);
        }
        learner.Epochs = asha.RungEpochs[trial.Rung];
        var scores = new double[instance.Iterations];
        for (int fold = 0; fold < scores.Length; fold++)
        {
            scores[fold] = await RunFoldAsync(store, trial, learner, task, instance, measure, fold).ConfigureAwait(false);
        }
        return new TrialOutcome(scores.Average(), scores, learner.Epochs);
    }

    /// <summary>Trains one fold to the rung's epochs, from the previous rung's checkpoint when there is one, and scores it.</summary>
    private static async Task<double> RunFoldAsync(StudyStore store, TrialId trial, MlpLearner learner, SupervisedTask task, ResamplingInstance instance,
        Measure measure, int fold)
    {
        // As Resample does, so that rung 0 of a configuration equals its plain trial with as many epochs.
        MlpLearner clone = learner.Clone();
        clone.Seed = learner.Seed ?? SeedSequence.Derive(instance.Seed, fold);
        string folder = Directory.CreateTempSubdirectory("descent-asha-").FullName;
        try
        {
            string saved = Path.Combine(folder, "rung.safetensors");
            clone.Callbacks.Add(new Checkpoint(saved, clone.Epochs));
            SupervisedTask train = task.Subset(instance.TrainSet(fold));
            if (trial.Rung == 0)
            {
                await Task.Run(() => clone.Train(train)).ConfigureAwait(false);
            }
            else
            {
                string previous = Path.Combine(folder, "previous.safetensors");
                await File.WriteAllBytesAsync(previous, await store.LoadCheckpointAsync(trial with { Rung = trial.Rung - 1 }, fold).ConfigureAwait(false))
                    .ConfigureAwait(false);
                await Task.Run(() => clone.Resume(train, previous)).ConfigureAwait(false);
            }
            await store.SaveCheckpointAsync(trial, fold, await File.ReadAllBytesAsync(saved).ConfigureAwait(false)).ConfigureAwait(false);
            return measure.Score(clone.PredictForScoring(task.Subset(instance.TestSet(fold))));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<(StudyDefinition, SupervisedTask, MlpLearner, Measure, ResamplingInstance)> StudyAsync(StudyDefinition definition)
    {
        if (_study is { } study && ReferenceEquals(study.Definition, definition))
        {
            return study;
        }
        SupervisedTask task = await _tasks.GetAsync(definition.Task).ConfigureAwait(false);
        MlpLearner learner = definition.Learner.Create();
        learner.OutputSize(task);
        Measure measure = Measures.Get(definition.Measure);
        ResamplingInstance instance = new CrossValidation(definition.Folds).Instantiate(task, definition.Seed);
        _study = (definition, task, learner, measure, instance);
        return _study.Value;
    }
}
