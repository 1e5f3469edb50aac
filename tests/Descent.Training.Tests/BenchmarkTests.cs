namespace Descent.Training.Tests;

public sealed class BenchmarkTests
{
    [Fact]
    public void TheTableHasARowPerLearnerTaskAndResamplingAndAColumnPerMeasure()
    {
        ClassificationTask iris = Tasks.Iris();
        // A binary task: the first two iris species.
        ClassificationTask binary = new("iris2", iris.FeatureNames, iris.Subset(Enumerable.Range(0, 100).ToArray()).Features().ToArray(),
            "Species", iris.Classes.Take(100).ToArray(), ["setosa", "versicolor"]);
        MlpClassifier[] learners = [TinyLearners.Classifier(lr: 0.01, epochs: 3), TinyLearners.Classifier(lr: 0.05, epochs: 3)];
        Resampling[] resamplings = [new Holdout(), new CrossValidation(folds: 2)];

        BenchmarkResult result = Benchmark.Run(learners, [iris, binary], resamplings, [Measures.Accuracy, Measures.ClassificationError], seed: 5);

        IReadOnlyList<BenchmarkRow> rows = result.Aggregate();
        Assert.Equal(8, rows.Count);
        Assert.Equal(["iris", "iris", "iris", "iris", "iris2", "iris2", "iris2", "iris2"], rows.Select(r => r.TaskId));
        Assert.Equal(["holdout(ratio=0.667)", "holdout(ratio=0.667)", "cv(folds=2)", "cv(folds=2)"], rows.Take(4).Select(r => r.Resampling));
        Assert.All(rows, r => Assert.Equal(["classif.acc", "classif.ce"], r.Scores.Keys));
        Assert.All(rows, r => Assert.Equal(1, r.Scores["classif.acc"] + r.Scores["classif.ce"], 12));
        Assert.Contains("lr=0.01", rows[0].LearnerLabel);
        Assert.Contains("lr=0.05", rows[1].LearnerLabel);
        // Both learners are scored on the same splits.
        Assert.Equal(result.Results[0].Iterations[0].TestSet, result.Results[1].Iterations[0].TestSet);

        string[] lines = result.ToText().TrimEnd().Split('\n');
        Assert.Equal(2 + 8, lines.Length);
        Assert.Matches(@"^learner\s+settings\s+task\s+resampling\s+classif\.acc\s+classif\.ce$", lines[0].TrimEnd());
        Assert.StartsWith("classif.mlp", lines[2]);
    }

    [Fact]
    public void AMismatchedLearnerAndTaskFailBeforeAnythingTrains()
    {
        var regressor = new MlpRegressor { Epochs = 1 };
        var e = Assert.Throws<ArgumentException>(() =>
            Benchmark.Run([TinyLearners.Classifier(), regressor], [Tasks.Iris()], [new Holdout()], [Measures.Accuracy], 1));
        Assert.Contains("regression task", e.Message);
        Assert.Throws<ArgumentException>(() => Benchmark.Run([], [Tasks.Iris()], [new Holdout()], [Measures.Accuracy], 1));
    }
}
