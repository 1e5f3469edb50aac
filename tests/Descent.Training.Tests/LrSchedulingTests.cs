using Descent.Optim;
using Descent.Optim.Schedulers;
using Descent.Optim.Serialization;

namespace Descent.Training.Tests;

public sealed class LrSchedulingTests
{
    private static MlpClassifier Learner(int epochs, params Callback[] callbacks)
    {
        MlpClassifier learner = TinyLearners.Classifier(lr: 0.1, epochs: epochs);
        learner.Optimizer = "sgd";
        learner.BatchSize = 50;
        learner.Seed = 1;
        learner.Callbacks.AddRange(callbacks);
        return learner;
    }

    private static SGD Reference() => new([new Parameter(Tensor.Zeros(1))], lr: 0.1);

    [Fact]
    public void PerEpochTheLearningRateFollowsTheSchedulerAlone()
    {
        var recorder = new LrRecorder();
        Learner(epochs: 5, new LrScheduling(o => new StepLR(o, stepSize: 2, gamma: 0.5)), recorder).Train(Tasks.Iris());

        var alone = new StepLR(Reference(), stepSize: 2, gamma: 0.5);
        var expected = new List<double>();
        for (int epoch = 0; epoch < 5; epoch++)
        {
            // 150 rows in batches of 50: three batches per epoch at the epoch's rate.
            expected.AddRange(Enumerable.Repeat(alone.GetLastLr()[0], 3));
            alone.Step();
        }
        Assert.Equal(expected, recorder.Lrs);
        Assert.Equal([0.1, 0.1, 0.1, 0.05, 0.05, 0.05], recorder.Lrs.Take(3).Concat(recorder.Lrs.Skip(6).Take(3)));
    }

    [Fact]
    public void PerBatchTheLearningRateFollowsTheSchedulerAlone()
    {
        var recorder = new LrRecorder();
        var scheduling = new LrScheduling(o => new ExponentialLR(o, gamma: 0.9), SchedulerInterval.Batch);
        Learner(epochs: 3, scheduling, recorder).Train(Tasks.Iris());

        var alone = new ExponentialLR(Reference(), gamma: 0.9);
        var expected = new List<double>();
        for (int batch = 0; batch < 9; batch++)
        {
            expected.Add(alone.GetLastLr()[0]);
            alone.Step();
        }
        Assert.Equal(expected, recorder.Lrs);
        Assert.Equal(9, scheduling.Scheduler!.LastEpoch);
    }

    [Fact]
    public void AMetricSchedulerIsFedTheMonitoredMeasureAtEpochEnd()
    {
        var scheduling = new LrScheduling(o => new HalveWhenWorse(o));
        var history = new History();
        MlpClassifier learner = Learner(epochs: 4, scheduling, history);
        learner.ValidationRatio = 0.3;
        learner.MeasuresValid.Add(Measures.LogLoss);
        learner.MeasuresTrain.Add(Measures.Accuracy);
        learner.Train(Tasks.Iris());
        Assert.Equal(history.Epochs.Select(e => e.Validation["classif.logloss"]), ((HalveWhenWorse)scheduling.Scheduler!).Metrics);

        var train = new LrScheduling(o => new HalveWhenWorse(o), monitor: "train.classif.acc");
        MlpClassifier second = Learner(epochs: 2, train, history = new History());
        second.ValidationRatio = 0.3;
        second.MeasuresValid.Add(Measures.LogLoss);
        second.MeasuresTrain.Add(Measures.Accuracy);
        second.Train(Tasks.Iris());
        Assert.Equal(history.Epochs.Select(e => e.Train["classif.acc"]), ((HalveWhenWorse)train.Scheduler!).Metrics);
    }

    [Fact]
    public void ReduceLROnPlateauHalvesTheRateWhenTheValidationLossStalls()
    {
        // A 20% relative threshold: most epochs count as a plateau, so the rate is cut several times.
        var scheduling = new LrScheduling(o => new ReduceLROnPlateau(o, factor: 0.5, patience: 0, threshold: 0.2));
        var history = new History();
        var recorder = new LrRecorder();
        MlpClassifier learner = Learner(epochs: 6, scheduling, history, recorder);
        learner.ValidationRatio = 0.3;
        learner.MeasuresValid.Add(Measures.LogLoss);
        learner.Train(Tasks.Iris());

        // Replay the recorded validation losses through the scheduler alone.
        var optimizer = Reference();
        var alone = new ReduceLROnPlateau(optimizer, factor: 0.5, patience: 0, threshold: 0.2);
        var expected = new List<double>();
        foreach (EpochRecord epoch in history.Epochs)
        {
            // 105 training rows in batches of 50: three batches per epoch.
            expected.AddRange(Enumerable.Repeat(optimizer.ParamGroups[0].Lr, 3));
            alone.Step(epoch.Validation["classif.logloss"]);
        }
        Assert.Equal(expected, recorder.Lrs);
        Assert.True(expected.Distinct().Count() > 2, $"the rate was cut only {expected.Distinct().Count() - 1} times");
        Assert.Equal(alone.Best, ((ReduceLROnPlateau)scheduling.Scheduler!).Best);
    }

    [Fact]
    public void AMetricSchedulerNeedsAnEpochIntervalAndAScoredMeasure()
    {
        var perBatch = Learner(epochs: 1, new LrScheduling(o => new HalveWhenWorse(o), SchedulerInterval.Batch));
        perBatch.MeasuresTrain.Add(Measures.Accuracy);
        Assert.Contains("SchedulerInterval.Epoch", Assert.Throws<InvalidOperationException>(() => perBatch.Train(Tasks.Iris())).Message);
        var unmeasured = Learner(epochs: 1, new LrScheduling(o => new HalveWhenWorse(o)));
        Assert.Contains("scores none", Assert.Throws<InvalidOperationException>(() => unmeasured.Train(Tasks.Iris())).Message);
        var unknown = Learner(epochs: 1, new LrScheduling(o => new HalveWhenWorse(o), monitor: "classif.auc"));
        unknown.MeasuresTrain.Add(Measures.Accuracy);
        Assert.Contains("'classif.auc' is not scored", Assert.Throws<InvalidOperationException>(() => unknown.Train(Tasks.Iris())).Message);
    }

    [Fact]
    public void TheSchedulerStateSurvivesACheckpointAsPlainValues()
    {
        Func<Optimizer, LRScheduler> factory = o => new StepLR(o, stepSize: 2, gamma: 0.5);
        var first = new LrScheduling(factory);
        Learner(epochs: 3, first).Train(Tasks.Iris());
        IReadOnlyDictionary<string, object?> state = first.StateDict();
        Assert.Equal("StepLR", state["scheduler_type"]);
        Assert.Equal(3, state["last_epoch"]);

        // As a checkpoint reader may return them: lists of boxed numbers, integers as longs.
        var reread = state.ToDictionary(kv => kv.Key, kv => kv.Value switch
        {
            double[] list => (object?)list.Cast<object>().ToList(),
            int i => (long)i,
            var v => v,
        });
        var resumed = new LrScheduling(factory);
        resumed.LoadStateDict(reread);
        Assert.Equal(3L, resumed.StateDict()["last_epoch"]);
        var recorder = new LrRecorder();
        Learner(epochs: 2, resumed, recorder).Train(Tasks.Iris());

        var alone = new StepLR(Reference(), stepSize: 2, gamma: 0.5);
        var expected = new List<double>();
        for (int epoch = 0; epoch < 5; epoch++)
        {
            expected.AddRange(Enumerable.Repeat(alone.GetLastLr()[0], 3));
            alone.Step();
        }
        Assert.Equal(expected.Skip(9), recorder.Lrs);
        Assert.Equal(5, resumed.Scheduler!.LastEpoch);
    }

    [Theory]
    [InlineData(SchedulerInterval.Epoch)]
    [InlineData(SchedulerInterval.Batch)]
    public void ARunResumedFromACheckpointFollowsTheScheduleBitForBit(SchedulerInterval interval)
    {
        Func<Optimizer, LRScheduler> factory = interval == SchedulerInterval.Epoch
            ? o => new StepLR(o, stepSize: 3, gamma: 0.5)
            : o => new ExponentialLR(o, gamma: 0.95);
        string path = Path.Combine(Path.GetTempPath(), $"descent-lr-scheduling-{Guid.NewGuid():N}.safetensors");
        try
        {
            var fullLrs = new LrRecorder();
            TrainedModel full = Learner(5, new LrScheduling(factory, interval), fullLrs).Train(Tasks.Iris());
            var partLrs = new LrRecorder();
            Learner(2, new LrScheduling(factory, interval), partLrs, new Checkpoint(path)).Train(Tasks.Iris());
            var resumedLrs = new LrRecorder();
            var resumedScheduling = new LrScheduling(factory, interval);
            TrainedModel resumed = Learner(5, resumedScheduling, resumedLrs).Resume(Tasks.Iris(), path);

            Assert.Equal(fullLrs.Lrs, partLrs.Lrs.Concat(resumedLrs.Lrs));
            Assert.Equal(interval == SchedulerInterval.Epoch ? 5 : 15, resumedScheduling.Scheduler!.LastEpoch);
            foreach (((string name, Tensor x), (_, Tensor y)) in full.Network.StateDict().Zip(resumed.Network.StateDict()))
            {
                Assert.True(x.ToArray().SequenceEqual(y.ToArray()), $"{name} differs");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NestedSchedulerStatesSurviveTheCheckpointsJsonForm()
    {
        Func<Optimizer, LRScheduler> factory = o => new ChainedScheduler([new StepLR(o, stepSize: 2, gamma: 0.5), new ExponentialLR(o, gamma: 0.9)]);
        var first = new LrScheduling(factory);
        Learner(3, first).Train(Tasks.Iris());
        var reread = (Dictionary<string, object?>)JsonValues.Deserialize(JsonValues.Serialize(first.StateDict()))!;

        var second = new LrScheduling(factory);
        second.LoadStateDict(reread);
        Learner(0, second).Train(Tasks.Iris());
        Assert.Equal(first.Scheduler!.StateDict().ToString(), second.Scheduler!.StateDict().ToString());
        Assert.Equal(first.Scheduler.GetLastLr(), second.Scheduler.Optimizer.ParamGroups.Select(g => g.Lr));
    }

    [Fact]
    public void ALearnerCloneGetsAFreshScheduling()
    {
        var scheduling = new LrScheduling(o => new StepLR(o, 1), SchedulerInterval.Batch, "classif.acc");
        MlpClassifier clone = Learner(epochs: 1, scheduling).Clone();
        var copy = Assert.IsType<LrScheduling>(clone.Callbacks.Single());
        Assert.NotSame(scheduling, copy);
        Assert.Same(scheduling.Factory, copy.Factory);
        Assert.Equal((SchedulerInterval.Batch, "classif.acc"), (copy.Interval, copy.Monitor));
        Assert.Null(copy.Scheduler);
    }

    private sealed class LrRecorder : Callback
    {
        public List<double> Lrs { get; } = [];

        public override void OnBatchBegin(TrainingContext context) => Lrs.Add(context.Optimizer.ParamGroups[0].Lr);
    }

    /// <summary>A scheduler that steps on a metric, as ReduceLROnPlateau does: it halves the rates when the metric does not improve.</summary>
    private sealed class HalveWhenWorse : LRScheduler
    {
        private double _best = double.PositiveInfinity;

        public HalveWhenWorse(Optimizer optimizer)
            : base(optimizer)
        {
            InitialStep();
        }

        public List<double> Metrics { get; } = [];

        public void Step(double metric)
        {
            Metrics.Add(metric);
            if (metric >= _best)
            {
                foreach (ParamGroup group in Optimizer.ParamGroups)
                {
                    group.Lr /= 2;
                }
            }
            _best = Math.Min(_best, metric);
        }

        protected override double[] GetLr() => CurrentLrs();
    }
}
