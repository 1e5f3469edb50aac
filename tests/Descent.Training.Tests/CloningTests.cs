namespace Descent.Training.Tests;

public sealed class CloningTests
{
    private static MlpClassifier Configured() => new()
    {
        Neurons = [12, 6],
        NLayers = 2,
        Activation = Activation.Tanh,
        P = 0.25,
        BatchSize = 8,
        Epochs = 4,
        Optimizer = "adamw",
        OptimizerOptions = { ["lr"] = 0.003, ["betas"] = (0.8, 0.99) },
        MeasuresTrain = { Measures.LogLoss },
        MeasuresValid = { Measures.Accuracy },
        ValidationRatio = 0.2,
        Patience = 2,
        MinDelta = 0.01,
        RestoreBestWeights = true,
        Seed = 9,
        Shuffle = false,
        Standardize = true,
        PredictType = PredictType.Prob,
        Callbacks = { new History(), new TerminateOnNaN() },
    };

    [Fact]
    public void ACloneHasEverySettingAndNoModel()
    {
        MlpClassifier original = Configured();
        original.Train(Tasks.Iris());
        MlpClassifier clone = original.Clone();

        Assert.Null(clone.Model);
        Assert.Equal(original.DescribeSettings(), clone.DescribeSettings());
        Assert.Equal(original.Neurons, clone.Neurons);
        Assert.Equal((original.NLayers, original.Activation, original.P, original.BatchSize, original.Epochs, original.Optimizer),
            (clone.NLayers, clone.Activation, clone.P, clone.BatchSize, clone.Epochs, clone.Optimizer));
        Assert.Equal(original.OptimizerOptions, clone.OptimizerOptions);
        Assert.Equal(original.MeasuresTrain, clone.MeasuresTrain);
        Assert.Equal(original.MeasuresValid, clone.MeasuresValid);
        Assert.Equal((original.ValidationRatio, original.Patience, original.MinDelta, original.RestoreBestWeights, original.Seed, original.Shuffle, original.Standardize, original.PredictType),
            (clone.ValidationRatio, clone.Patience, clone.MinDelta, clone.RestoreBestWeights, clone.Seed, clone.Shuffle, clone.Standardize, clone.PredictType));
    }

    [Fact]
    public void ChangingACloneLeavesTheOriginalAlone()
    {
        MlpClassifier original = Configured();
        MlpClassifier clone = original.Clone();
        clone.OptimizerOptions["lr"] = 1.0;
        clone.MeasuresTrain.Add(Measures.Accuracy);
        clone.Callbacks.Clear();
        clone.SetHyperparameter("neurons", 3);

        Assert.Equal(0.003, original.OptimizerOptions["lr"]);
        Assert.Single(original.MeasuresTrain);
        Assert.Equal(2, original.Callbacks.Count);
        Assert.Equal([12, 6], original.Neurons);
    }

    [Fact]
    public void StatefulCallbacksAreClonedStatelessOnesShared()
    {
        MlpClassifier original = Configured();
        MlpClassifier clone = original.Clone();
        Assert.IsType<History>(clone.Callbacks[0]);
        Assert.NotSame(original.Callbacks[0], clone.Callbacks[0]);
        Assert.Same(original.Callbacks[1], clone.Callbacks[1]);

        original.Callbacks.Add(new Counter());
        var e = Assert.Throws<InvalidOperationException>(() => original.Clone());
        Assert.Contains("'counter'", e.Message);
        Assert.Contains("Clone", e.Message);
    }

    [Fact]
    public void HyperparametersAreSetByName()
    {
        var learner = new MlpClassifier();
        learner.SetHyperparameter("lr", 0.01);
        learner.SetHyperparameter("batch_size", 64);
        learner.SetHyperparameter("epochs", 7.0);
        learner.SetHyperparameter("neurons", 20);
        learner.SetHyperparameter("p", 0.3);
        learner.SetHyperparameter("activation", "gelu");
        learner.SetHyperparameter("weight_decay", 1e-4);
        learner.SetHyperparameter("betas", (0.85, 0.995));

        Assert.Equal(0.01, learner.OptimizerOptions["lr"]);
        Assert.Equal((64, 7, 0.3, Activation.GELU), (learner.BatchSize, learner.Epochs, learner.P, learner.Activation));
        Assert.Equal([20], learner.Neurons);
        Assert.Equal(1e-4, learner.GetHyperparameter("weight_decay"));
        Assert.Equal((0.85, 0.995), learner.GetHyperparameter("betas"));
        Assert.Equal(1e-8, learner.GetHyperparameter("eps"));
        string label = learner.DescribeSettings();
        foreach (string part in (string[])["activation=GELU", "p=0.3", "batch_size=64", "epochs=7", "neurons=[20]", "lr=0.01", "weight_decay=0.0001", "betas=(0.85, 0.995)"])
        {
            Assert.Contains(part, label);
        }
        Assert.DoesNotContain("optimizer", label);

        learner.SetHyperparameter("optimizer", "sgd");
        learner.OptimizerOptions.Clear();
        learner.SetHyperparameter("momentum", 0.9);
        Assert.Equal("sgd", learner.Optimizer);
        Assert.Equal(0.9, learner.OptimizerOptions["momentum"]);
    }

    [Fact]
    public void AnUnknownHyperparameterListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => new MlpClassifier().SetHyperparameter("learning_rate", 0.1));
        Assert.Contains("'learning_rate'", e.Message);
        Assert.Contains("batch_size", e.Message);
        Assert.Contains("lr", e.Message);
        Assert.Contains("amsgrad", e.Message);
        Assert.Throws<ArgumentException>(() => new MlpClassifier().GetHyperparameter("nope"));
        Assert.Contains("'momentum'", Assert.Throws<ArgumentException>(() => new MlpClassifier().SetHyperparameter("momentum", 0.9)).Message);
    }

    [Fact]
    public void BadHyperparameterValuesAreRefusedWhenSet()
    {
        var learner = new MlpClassifier();
        Assert.Contains("lr", Assert.Throws<ArgumentOutOfRangeException>(() => learner.SetHyperparameter("lr", -1.0)).Message);
        Assert.Contains("'epochs' expects an integer", Assert.Throws<ArgumentException>(() => learner.SetHyperparameter("epochs", 2.5)).Message);
        Assert.Contains("adamm", Assert.Throws<ArgumentException>(() => learner.SetHyperparameter("optimizer", "adamm")).Message);
        Assert.Empty(learner.OptimizerOptions);
        Assert.Equal(10, learner.Epochs);
    }

    private sealed class Counter : Callback
    {
        private int _batches;

        public override string Id => "counter";

        public override void OnBatchEnd(TrainingContext context) => _batches++;

        public override IReadOnlyDictionary<string, object?> StateDict() => new Dictionary<string, object?> { ["batches"] = _batches };
    }
}
