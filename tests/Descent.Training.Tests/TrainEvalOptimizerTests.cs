using Descent.Optim;

namespace Descent.Training.Tests;

/// <summary>
/// A Schedule-Free optimizer trains at y and evaluates at x: the learner switches it to eval for validation, the
/// trained model and checkpoints, and back to train for each epoch's steps.
/// </summary>
public sealed class TrainEvalOptimizerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-traineval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MlpClassifier Learner(string optimizer, int epochs) => new()
    {
        Neurons = [8], P = 0, Epochs = epochs, BatchSize = 16, Seed = 3, Standardize = true, Optimizer = optimizer,
        OptimizerOptions = { ["lr"] = 0.02, ["warmup_steps"] = 5 },
        ValidationTask = Tasks.Iris(), MeasuresValid = { Measures.LogLoss }, PredictType = PredictType.Prob,
    };

    [Theory]
    [InlineData("schedulefree_adamw")]
    [InlineData("schedulefree_sgd")]
    public void ValidationAndTheTrainedModelSeeTheEvaluationPoint(string optimizer)
    {
        MlpClassifier learner = Learner(optimizer, 3);
        ClassificationTask iris = Tasks.Iris();
        TrainedModel model = learner.Train(iris);

        var schedule = Assert.IsAssignableFrom<ITrainEvalOptimizer>(model.Optimizer);
        Assert.False(schedule.IsTraining);
        // The last epoch's validation was scored with the weights the model keeps: x, not y.
        double predicted = Measures.LogLoss.Score(learner.Predict(iris));
        Assert.Equal(model.History[^1].Validation["classif.logloss"], predicted);

        // At y the network predicts otherwise: the switch moved the weights.
        float[] before = model.Network.Parameters().SelectMany(p => p.ToArray()).ToArray();
        schedule.Train();
        float[] after = model.Network.Parameters().SelectMany(p => p.ToArray()).ToArray();
        Assert.False(before.SequenceEqual(after));
        Assert.True(schedule.IsTraining);
    }

    [Fact]
    public void AResumedScheduleFreeRunEndsWhereTheUninterruptedRunEnds()
    {
        ClassificationTask iris = Tasks.Iris();
        var fullHistory = new History();
        MlpClassifier full = Learner("schedulefree_adamw", 5);
        full.Callbacks.Add(fullHistory);
        TrainedModel a = full.Train(iris);

        string path = Path.Combine(_dir, "sf.safetensors");
        MlpClassifier first = Learner("schedulefree_adamw", 2);
        first.Callbacks.Add(new Checkpoint(path));
        first.Train(iris);
        var resumedHistory = new History();
        MlpClassifier rest = Learner("schedulefree_adamw", 5);
        rest.Callbacks.Add(resumedHistory);
        TrainedModel b = rest.Resume(iris, path);

        foreach (((string name, Tensor x), (_, Tensor y)) in a.Network.StateDict().Zip(b.Network.StateDict()))
        {
            Assert.True(x.ToArray().SequenceEqual(y.ToArray()), $"{name} differs");
        }
        Assert.Equal(fullHistory.ToCsv(), resumedHistory.ToCsv());
        Assert.Equal(a.Optimizer.StateDict().ToString(), b.Optimizer.StateDict().ToString());
    }
}
