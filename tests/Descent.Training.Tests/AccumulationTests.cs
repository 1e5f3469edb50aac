using Descent.Optim;

namespace Descent.Training.Tests;

/// <summary>The learner's gradient accumulation: against one larger batch, resumed mid-accumulation, and its checks.</summary>
public sealed class AccumulationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-accumulate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MlpClassifier Learner(int epochs, int batchSize, int accumulate, string optimizer = "adam") => new()
    {
        Neurons = [8], P = 0, Epochs = epochs, BatchSize = batchSize, AccumulateBatches = accumulate, Seed = 5, Standardize = true,
        Optimizer = optimizer, OptimizerOptions = { ["lr"] = 0.02 }, MeasuresTrain = { Measures.LogLoss },
    };

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    public void ThreeBatchesOfFiveTrainAsBatchesOfFifteen(string optimizer)
    {
        // Iris's 150 rows make ten batches of 15 or thirty of 5; a batch order is one permutation of the rows either way.
        TrainedModel accumulated = Learner(3, 5, 3, optimizer).Train(Tasks.Iris());
        TrainedModel large = Learner(3, 15, 1, optimizer).Train(Tasks.Iris());

        Assert.Equal(30, ((MultiSteps)accumulated.Optimizer).GradientStep);
        foreach (((string name, Tensor a), (_, Tensor b)) in accumulated.Network.StateDict().Zip(large.Network.StateDict()))
        {
            float[] x = a.ToArray(), y = b.ToArray();
            for (int i = 0; i < x.Length; i++)
            {
                Assert.True(Math.Abs(x[i] - y[i]) <= 1e-5 + 1e-4 * Math.Abs(y[i]), $"{name}[{i}]: {x[i]:R} accumulated, {y[i]:R} in one batch");
            }
        }
        Assert.NotEqual(Learner(3, 5, 1, optimizer).Train(Tasks.Iris()).Network.StateDict().First().Value.ToArray(),
            accumulated.Network.StateDict().First().Value.ToArray());
    }

    [Fact]
    public void AResumeInTheMiddleOfAnAccumulationEndsWhereTheUninterruptedRunEnds()
    {
        // Ten batches of 16 per epoch and three per step: after two epochs two mini-batches wait in the accumulator.
        TrainedModel full = Learner(5, 16, 3).Train(Tasks.Iris());
        string path = Path.Combine(_dir, "run.safetensors");
        MlpClassifier first = Learner(2, 16, 3);
        first.Callbacks.Add(new Checkpoint(path));
        var pending = (MultiSteps)first.Train(Tasks.Iris()).Optimizer;
        Assert.Equal(2, pending.MiniStep);

        TrainedModel resumed = Learner(5, 16, 3).Resume(Tasks.Iris(), path);

        foreach (((string name, Tensor a), (_, Tensor b)) in full.Network.StateDict().Zip(resumed.Network.StateDict()))
        {
            Assert.True(a.ToArray().SequenceEqual(b.ToArray()), $"{name} differs");
        }
        Assert.Equal(full.Optimizer.StateDict().ToString(), resumed.Optimizer.StateDict().ToString());
        // The learner names its parameters, so its checkpoints carry them.
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias"], resumed.Optimizer.StateDict().ParamGroups[0].ParamNames);
    }

    [Fact]
    public void ResumeRefusesAnotherAccumulation()
    {
        string path = Path.Combine(_dir, "run.safetensors");
        MlpClassifier first = Learner(1, 16, 3);
        first.Callbacks.Add(new Checkpoint(path));
        first.Train(Tasks.Iris());

        var e = Assert.Throws<RunSettingsMismatchException>(() => Learner(2, 16, 2).Resume(Tasks.Iris(), path));
        Assert.Equal([new SettingDifference("accumulate-batches", "3", "2")], e.Differences);
        var off = Assert.Throws<RunSettingsMismatchException>(() => Learner(2, 16, 1).Resume(Tasks.Iris(), path));
        Assert.Equal([new SettingDifference("accumulate-batches", "3", "not set")], off.Differences);
    }

    [Fact]
    public void RefusesAccumulationBelowOneAndWithLbfgs()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Learner(1, 16, 0).Train(Tasks.Iris()));
        Assert.Contains("LBFGS", Assert.Throws<ArgumentException>(() => Learner(1, 16, 2, "lbfgs").Train(Tasks.Iris())).Message);
        MlpClassifier learner = Learner(1, 16, 1);
        learner.SetHyperparameter("accumulate_batches", 4.0);
        Assert.Equal(4, learner.Clone().AccumulateBatches);
        Assert.IsNotType<MultiSteps>(Learner(1, 16, 1).Train(Tasks.Iris()).Optimizer);
    }
}
