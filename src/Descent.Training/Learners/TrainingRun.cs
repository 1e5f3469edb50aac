using Descent.NN;
using Descent.Optim;

namespace Descent.Training;

/// <summary>One call of <see cref="MlpLearner.Train"/>: the data split, the network, the optimizer and the stage loop.</summary>
internal sealed class TrainingRun
{
    private readonly MlpLearner _learner;
    private readonly SupervisedTask _task;
    private readonly string? _resumeFrom;

    public TrainingRun(MlpLearner learner, SupervisedTask task, string? resumeFrom = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        _learner = learner;
        _task = task;
        _resumeFrom = resumeFrom;
    }

    public TrainedModel Run()
    {
        MlpLearner l = _learner;
        if (l.BatchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(l.BatchSize), l.BatchSize, $"{l.Id}: BatchSize must be a positive number of rows, got {l.BatchSize}.");
        }
        if (l.AccumulateBatches < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(l.AccumulateBatches), l.AccumulateBatches, $"{l.Id}: AccumulateBatches must be at least 1, got {l.AccumulateBatches}.");
        }
        if (l.Epochs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(l.Epochs), l.Epochs, $"{l.Id}: Epochs must not be negative, got {l.Epochs}.");
        }
        int outputs = l.OutputSize(_task);
        // A checkpoint is read once: its seed rebuilds the run's split and initial network, its state then replaces them.
        Descent.IO.SafeTensorsFile? checkpoint = _resumeFrom is null ? null : Descent.IO.SafeTensors.Load(_resumeFrom);
        ulong seed = checkpoint is not null ? RunCheckpoint.ReadSeed(checkpoint) : l.Seed ?? (ulong)Random.Shared.NextInt64();
        var generator = new Generator(seed);

        (SupervisedTask train, SupervisedTask? valid) = Split(generator);
        if (valid is not null)
        {
            l.OutputSize(valid);
        }
        Standardization? standardization = l.Standardize ? Standardization.Fit(train) : null;
        Sequential network = l.BuildNetwork(train.NFeatures, outputs, generator);
        Optimizer optimizer = l.CreateOptimizer(network.NamedParameters());
        // Schedule-Free optimizers switch between train and eval weights; an accumulation wrapper does not hide that.
        var trainEval = optimizer as ITrainEvalOptimizer;
        if (l.AccumulateBatches > 1)
        {
            optimizer = optimizer is LBFGS
                ? throw new ArgumentException($"{l.Id}: AccumulateBatches needs an optimizer that steps once per gradient; LBFGS re-evaluates the loss within its step.")
                : new MultiSteps(optimizer, l.AccumulateBatches);
        }
        // Read before any scheduler changes the learning rate.
        var settings = new Dictionary<string, string>(l.RunSettings(_task, optimizer));

        // A History among the user's callbacks is the run's history; otherwise the learner keeps its own.
        History? userHistory = l.Callbacks.OfType<History>().FirstOrDefault();
        History history = userHistory ?? new History();
        List<Callback> callbacks = userHistory is null ? [history] : [];
        if (l.Patience > 0)
        {
            callbacks.Add(new EarlyStopping(l.Patience, l.MinDelta, l.RestoreBestWeights));
        }
        // Checkpoints run last, so that they save every other callback's state after the epoch.
        callbacks.AddRange(l.Callbacks.Where(c => c is not Checkpoint));
        callbacks.AddRange(l.Callbacks.OfType<Checkpoint>());

        var context = new TrainingContext(l, network, optimizer, train, valid, generator, seed, callbacks);
        Tensor x = standardization?.Apply(train) ?? train.Features();
        Tensor y = l.Targets(train);
        var loader = new DataLoader(x, y, l.BatchSize, l.Shuffle, generator);
        context.BatchesPerEpoch = loader.BatchCount;

        try
        {
            Each(callbacks, c => c.OnBegin(context));
            foreach ((string key, string value) in callbacks.SelectMany(c => c.Settings))
            {
                settings[key] = value;
            }
            int first = 1;
            if (checkpoint is not null)
            {
                if (RunCheckpoint.ReadSettings(checkpoint) is { } recorded)
                {
                    MlpLearner.CheckResumeSettings(_resumeFrom!, recorded, settings);
                }
                // The checkpoint's settings stay the run's: a checkpoint without them resumes into one without them.
                context.Settings = RunCheckpoint.ReadSettings(checkpoint);
                first = Restore(context, checkpoint) + 1;
            }
            else
            {
                context.Settings = settings;
            }
            var arena = new TensorArena();
            for (int epoch = first; epoch <= l.Epochs && !context.StopRequested; epoch++)
            {
                context.Epoch = epoch;
                Each(callbacks, c => c.OnEpochBegin(context));
                network.Train();
                // Schedule-Free trains at y and evaluates (and checkpoints) at x: back to y for the epoch's steps.
                trainEval?.Train();
                var outputsSeen = new List<float>(train.NRow * outputs);
                var rowsSeen = new List<int>(train.NRow);
                context.BatchIndex = 0;
                context.EpochLoss = double.NaN;
                double lossSum = 0;
                using IEnumerator<Batch> batches = loader.GetEnumerator();
                while (true)
                {
                    // The last batch, its activations and its gradients are done with: their buffers serve this one.
                    optimizer.ZeroGrad();
                    arena.Reset();
                    using (arena.Activate())
                    {
                        if (!batches.MoveNext())
                        {
                            break;
                        }
                    }
                    Batch batch = batches.Current;
                    context.Batch = batch;
                    foreach (Callback c in callbacks)
                    {
                        c.OnBatchBegin(context);
                    }
                    Tensor? output = null;
                    Tensor? loss = null;
                    // The optimizer calls the evaluation once, or (L-BFGS) as often as its line search needs. The
                    // after-backward stage and the recorded output and loss belong to the first evaluation.
                    Tensor Evaluate()
                    {
                        if (loss is not null)
                        {
                            // A re-evaluation (L-BFGS's line search); the batch began with cleared gradients.
                            optimizer.ZeroGrad();
                        }
                        Tensor o, value;
                        using (arena.Activate())
                        {
                            o = network.Forward(batch.X);
                            value = l.ComputeLoss(o, batch.Y);
                            value.Backward();
                        }
                        if (loss is null)
                        {
                            (output, loss) = (o, value);
                            foreach (Callback c in callbacks)
                            {
                                c.OnAfterBackward(context);
                            }
                        }
                        return value;
                    }
                    optimizer.Step(Evaluate);
                    context.Step++;
                    context.LastLoss = loss!.Item();
                    lossSum += context.LastLoss;
                    context.EpochLoss = lossSum / (context.BatchIndex + 1);
                    if (!double.IsFinite(context.LastLoss))
                    {
                        context.DivergedAtEpoch ??= epoch;
                    }
                    if (l.MeasuresTrain.Count > 0)
                    {
                        outputsSeen.AddRange(output!.AsReadOnlySpan());
                        rowsSeen.AddRange(batch.Rows);
                    }
                    foreach (Callback c in callbacks)
                    {
                        c.OnBatchEnd(context);
                    }
                    context.BatchIndex++;
                    if (context.StopRequested)
                    {
                        break;
                    }
                }
                context.Batch = null;
                // Validation, the epoch's callbacks (early stopping's best weights, checkpoints) and the trained model
                // see the evaluation point, as the reference asks of eval().
                trainEval?.Eval();
                if (context.BatchIndex < loader.BatchCount)
                {
                    // An epoch cut short by a stop request is not an epoch: history, scores and checkpoint hold whole ones.
                    context.Epoch = epoch - 1;
                    break;
                }
                // The training rows in the order the batches visited them; their truth is read by index, not copied.
                context.TrainScores = Score(l.MeasuresTrain, train, [.. outputsSeen], rowsSeen);
                if (valid is not null)
                {
                    Each(callbacks, c => c.OnBeforeValidation(context));
                    context.ValidationScores = Score(l.MeasuresValid, valid, l.Forward(network, standardization, valid));
                }
                Each(callbacks, c => c.OnEpochEnd(context));
            }
            Each(callbacks, c => c.OnEnd(context));
        }
        finally
        {
            network.Eval();
            trainEval?.Eval();
            foreach (Callback c in callbacks)
            {
                c.OnExit(context);
            }
        }
        bool stoppedEarly = context.StopRequested;
        var classification = _task as ClassificationTask;
        var saved = new SavedModel(network, l.Id, _task.FeatureNames, _task.TargetName, classification?.ClassNames ?? [],
            classification?.PositiveClass, standardization, l.Activation, settings, SavedModel.CurrentVersion);
        return new TrainedModel(network, optimizer, history.Epochs.ToArray(), seed, standardization, context.Epoch,
            stoppedEarly ? context.StopReason : null) { DivergedAtEpoch = context.DivergedAtEpoch, SavedModel = saved };
    }

    /// <summary>Loads a checkpoint into the run and returns its last completed epoch.</summary>
    private static int Restore(TrainingContext context, Descent.IO.SafeTensorsFile checkpoint)
    {
        RunProgress progress = RunCheckpoint.Load(checkpoint, context.Network, context.Optimizer, null, context.Generator);
        context.Epoch = progress.Epoch;
        context.Step = progress.Step;
        foreach ((string key, Callback callback) in context.KeyedCallbacks())
        {
            if (progress.Callbacks.TryGetValue(key, out IReadOnlyDictionary<string, object?>? state))
            {
                callback.LoadStateDict(state);
            }
        }
        return progress.Epoch;
    }

    private (SupervisedTask Train, SupervisedTask? Valid) Split(Generator generator)
    {
        MlpLearner l = _learner;
        if (l.ValidationTask is not null)
        {
            return (_task, l.ValidationTask);
        }
        if (l.ValidationRatio is not double ratio)
        {
            return (_task, null);
        }
        if (!(ratio > 0 && ratio < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(l.ValidationRatio), ratio, $"{l.Id}: ValidationRatio must be in (0, 1), got {ratio}.");
        }
        int[] order = generator.Permutation(_task.NRow);
        int nValid = (int)Math.Round(ratio * _task.NRow);
        if (nValid == 0 || nValid == _task.NRow)
        {
            throw new ArgumentException($"{l.Id}: ValidationRatio {ratio} of {_task.NRow} rows leaves no rows for training or validation.");
        }
        return (_task.Subset(order[nValid..]), _task.Subset(order[..nValid]));
    }

    private Dictionary<string, double> Score(List<Measure> measures, SupervisedTask task, float[] outputs, IReadOnlyList<int>? rows = null)
    {
        var scores = new Dictionary<string, double>();
        if (measures.Count == 0)
        {
            return scores;
        }
        Prediction prediction = _learner.MakePrediction(task, outputs, forScoring: true, rows);
        foreach (Measure m in measures)
        {
            scores[m.Id] = m.Score(prediction);
        }
        return scores;
    }

    private static void Each(List<Callback> callbacks, Action<Callback> stage)
    {
        foreach (Callback c in callbacks)
        {
            stage(c);
        }
    }
}
