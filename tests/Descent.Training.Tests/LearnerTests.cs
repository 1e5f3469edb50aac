using System.Text.Json;

namespace Descent.Training.Tests;

public sealed class LearnerTests
{
    private static MlpClassifier SmallClassifier(ulong seed) => new()
    {
        Neurons = [16],
        BatchSize = 16,
        Epochs = 3,
        Seed = seed,
        OptimizerOptions = { ["lr"] = 0.01 },
        MeasuresTrain = { Measures.LogLoss },
        MeasuresValid = { Measures.LogLoss, Measures.Accuracy },
        ValidationRatio = 0.3,
        PredictType = PredictType.Prob,
        Standardize = true,
    };

    [Fact]
    public void TheSameSeedGivesBitwiseTheSameModelHistoryAndPredictions()
    {
        ClassificationTask iris = Tasks.Iris();
        MlpClassifier a = SmallClassifier(42);
        MlpClassifier b = SmallClassifier(42);
        TrainedModel ma = a.Train(iris);
        TrainedModel mb = b.Train(iris);

        Assert.Equal(ma.History.Select(e => e.Train["classif.logloss"]), mb.History.Select(e => e.Train["classif.logloss"]));
        Assert.Equal(ma.History.Select(e => e.Validation["classif.acc"]), mb.History.Select(e => e.Validation["classif.acc"]));
        foreach (((string name, Tensor x), (_, Tensor y)) in ma.Network.StateDict().Zip(mb.Network.StateDict()))
        {
            Assert.True(x.ToArray().SequenceEqual(y.ToArray()), $"{name} differs");
        }
        var pa = (ClassificationPrediction)a.Predict(iris);
        var pb = (ClassificationPrediction)b.Predict(iris);
        Assert.Equal(pa.Response, pb.Response);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => pa.Prob(i, 2)), Enumerable.Range(0, 150).Select(i => pb.Prob(i, 2)));

        TrainedModel other = SmallClassifier(43).Train(iris);
        Assert.NotEqual(ma.History[^1].Train["classif.logloss"], other.History[^1].Train["classif.logloss"]);
    }

    [Fact]
    public void ARegressorLearnsMtcars()
    {
        var learner = new MlpRegressor { Neurons = [32], Epochs = 200, BatchSize = 8, Seed = 1, Standardize = true, P = 0, OptimizerOptions = { ["lr"] = 0.01 } };
        RegressionTask mtcars = Tasks.Mtcars();
        learner.Train(mtcars);
        double rsq = Measures.Rsq.Score(learner.Predict(mtcars));
        Assert.True(rsq > 0.8, $"R² on the training data is only {rsq}");
    }

    [Fact]
    public void LbfgsTrainsWithAClosureLikeEveryOtherOptimizer()
    {
        var learner = new MlpClassifier
        {
            Neurons = [8], Epochs = 5, BatchSize = 150, P = 0, Seed = 2, Standardize = true, Optimizer = "lbfgs",
            OptimizerOptions = { ["lr"] = 0.5 }, MeasuresTrain = { Measures.LogLoss },
        };
        TrainedModel model = learner.Train(Tasks.Iris());
        Assert.True(model.History[^1].Train["classif.logloss"] < model.History[0].Train["classif.logloss"] / 2);
        Assert.True(Measures.Accuracy.Score(learner.Predict(Tasks.Iris())) > 0.9);
    }

    [Fact]
    public void CallbacksRunInTheDocumentedOrder()
    {
        var recorder = new Recorder();
        var learner = new MlpClassifier { Epochs = 2, BatchSize = 100, Seed = 3, ValidationRatio = 0.2, MeasuresValid = { Measures.Accuracy }, Callbacks = { recorder } };
        learner.Train(Tasks.Iris());
        // 120 training rows in batches of 100: two batches per epoch.
        string[] batch = ["batch begin", "after backward", "batch end"];
        string[] epoch = ["epoch begin", .. batch, .. batch, "before validation", "epoch end"];
        Assert.Equal(["begin", .. epoch, .. epoch, "end", "exit"], recorder.Stages);
    }

    [Fact]
    public void ExitRunsWhenTrainingFails()
    {
        var recorder = new Recorder { FailAt = "batch end" };
        var learner = new MlpClassifier { Epochs = 2, Seed = 3, Callbacks = { recorder } };
        Assert.Throws<InvalidOperationException>(() => learner.Train(Tasks.Iris()));
        Assert.Equal("exit", recorder.Stages[^1]);
    }

    [Fact]
    public void EarlyStoppingStopsAfterPatienceEpochsWithoutImprovement()
    {
        // Validation log loss per epoch from a recorded sequence: best at epoch 3, then no improvement by more than 0.01.
        double[] sequence = [0.9, 0.7, 0.5, 0.505, 0.495, 0.51, 0.52, 0.4];
        var stopper = new EarlyStopping(patience: 3, minDelta: 0.01);
        var learner = new MlpClassifier { MeasuresValid = { Measures.LogLoss }, Epochs = sequence.Length };
        var context = new TrainingContext(learner, new Descent.NN.Identity(), new Descent.Optim.SGD([new Parameter(Tensor.Zeros(1))]),
            Tasks.Iris(), Tasks.Iris(), new Generator(1));
        stopper.OnBegin(context);
        int epoch = 0;
        while (!context.StopRequested)
        {
            context.Epoch = ++epoch;
            context.ValidationScores = new Dictionary<string, double> { ["classif.logloss"] = sequence[epoch - 1] };
            stopper.OnEpochEnd(context);
        }
        Assert.Equal(6, epoch);
        Assert.Equal(3, stopper.BestEpoch);
        Assert.Contains("did not improve for 3 epochs", context.StopReason);
    }

    [Fact]
    public void PatienceStopsARunAndRestoresTheBestWeights()
    {
        var learner = new MlpClassifier
        {
            Neurons = [8], Epochs = 200, Seed = 5, ValidationRatio = 0.3, Patience = 3, RestoreBestWeights = true,
            MeasuresValid = { Measures.LogLoss }, OptimizerOptions = { ["lr"] = 0.05 }, Standardize = true,
        };
        TrainedModel model = learner.Train(Tasks.Iris());
        Assert.True(model.EpochsTrained < 200);
        Assert.Contains("early stopping", model.StopReason);
        double best = model.History.Min(e => e.Validation["classif.logloss"]);
        Assert.True(model.History[^1].Validation["classif.logloss"] >= best);
    }

    [Theory]
    [InlineData(0, "BatchSize")]
    [InlineData(-1, "BatchSize")]
    public void InvalidSettingsAreNamed(int batchSize, string name)
    {
        var learner = new MlpClassifier { BatchSize = batchSize };
        var e = Assert.ThrowsAny<ArgumentException>(() => learner.Train(Tasks.Iris()));
        Assert.Contains(name, e.Message);
        Assert.Throws<ArgumentException>(() => new MlpClassifier().Train(Tasks.Mtcars()));
        Assert.Throws<InvalidOperationException>(() => new MlpClassifier().Predict(Tasks.Iris()));
        Assert.Throws<ArgumentException>(() => new MlpClassifier { Optimizer = "adamm" }.Train(Tasks.Iris()));
    }

    [Fact]
    public void TheChaptersSpamExperimentLandsInPyTorchsRange()
    {
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "training", "spam_mlp.json")));
        ClassificationTask spam = Tasks.Spam();
        foreach (double lr in new[] { 0.01, 0.001 })
        {
            JsonElement range = reference.RootElement.GetProperty("lr").GetProperty(lr.ToString(System.Globalization.CultureInfo.InvariantCulture));
            double min = range.GetProperty("min").GetDouble();
            double max = range.GetProperty("max").GetDouble();
            var finals = new List<double>();
            foreach (ulong seed in new ulong[] { 1, 2, 3, 4, 5 })
            {
                var history = new History();
                var learner = new MlpClassifier
                {
                    Neurons = [100], BatchSize = 32, Epochs = 40, Seed = seed, OptimizerOptions = { ["lr"] = lr },
                    Callbacks = { history }, MeasuresTrain = { Measures.LogLoss }, PredictType = PredictType.Prob,
                };
                learner.Train(spam);
                finals.Add(history.Epochs[^1].Train["classif.logloss"]);
            }
            double mean = finals.Average();
            Assert.True(mean >= min && mean <= max,
                $"lr {lr}: Descent's final train log losses [{string.Join(", ", finals.Select(f => f.ToString("F4")))}] (mean {mean:F4}) lie outside PyTorch's range [{min:F4}, {max:F4}]");
        }
    }

    private sealed class Recorder : Callback
    {
        public List<string> Stages { get; } = [];

        public string? FailAt { get; init; }

        private void Record(string stage)
        {
            Stages.Add(stage);
            if (stage == FailAt)
            {
                throw new InvalidOperationException("recorder failure");
            }
        }

        public override void OnBegin(TrainingContext c) => Record("begin");
        public override void OnEpochBegin(TrainingContext c) => Record("epoch begin");
        public override void OnBatchBegin(TrainingContext c) => Record("batch begin");
        public override void OnAfterBackward(TrainingContext c) => Record("after backward");
        public override void OnBatchEnd(TrainingContext c) => Record("batch end");
        public override void OnBeforeValidation(TrainingContext c) => Record("before validation");
        public override void OnEpochEnd(TrainingContext c) => Record("epoch end");
        public override void OnEnd(TrainingContext c) => Record("end");
        public override void OnExit(TrainingContext c) => Record("exit");
    }
}
