namespace Descent.Training.Tests;

public sealed class TuningTests
{
    [Fact]
    public void RandomSearchEvaluatesNEvalsConfigurationsAndReturnsTheBestOfTheArchive()
    {
        MlpClassifier learner = TinyLearners.Classifier(epochs: 3);
        var space = new SearchSpace
        {
            new NumericRange("lr", 1e-4, 1e-1, logScale: true),
            new IntegerRange("batch_size", 8, 64),
            new CategoricalChoice("optimizer", "adam", "sgd"),
        };

        TuningResult result = Tuner.Tune(learner, Tasks.Iris(), new Holdout(), Measures.LogLoss, space, new RandomSearch(nEvals: 6, seed: 2), seed: 3);

        Assert.Equal(6, result.Archive.Count);
        Assert.Equal(Enumerable.Range(0, 6), result.Archive.Select(t => t.Index));
        Assert.All(result.Archive, t =>
        {
            Assert.IsType<double>(t.Configuration["lr"]);
            Assert.IsType<int>(t.Configuration["batch_size"]);
            Assert.Contains(t.Configuration["optimizer"], new object[] { "adam", "sgd" });
            Assert.True(t.Duration > TimeSpan.Zero);
            Assert.Equal(t.Score, t.Result.Aggregate(Measures.LogLoss));
        });
        Assert.Equal(result.Archive.Min(t => t.Score), result.BestScore);
        Assert.Same(result.Archive.First(t => t.Score == result.BestScore), result.BestTrial);

        MlpLearner tuned = result.TunedLearner;
        Assert.Null(tuned.Model);
        Assert.Equal(result.BestConfiguration["lr"], tuned.OptimizerOptions["lr"]);
        Assert.Equal(result.BestConfiguration["batch_size"], tuned.BatchSize);
        Assert.Equal(result.BestConfiguration["optimizer"], tuned.Optimizer);
        Assert.Equal(0.05, learner.OptimizerOptions["lr"]);
        Assert.Equal(16, learner.BatchSize);
    }

    [Fact]
    public void GridSearchEvaluatesEveryCombination()
    {
        var space = new SearchSpace
        {
            new NumericRange("lr", 1e-3, 1e-1, logScale: true),
            new CategoricalChoice("optimizer", "adam", "sgd"),
        };
        TuningResult result = Tuner.Tune(TinyLearners.Classifier(epochs: 2), Tasks.Iris(), new Holdout(), Measures.Accuracy, space, new GridSearch(3), seed: 1);

        Assert.Equal(6, result.Archive.Count);
        double[] lrs = result.Archive.Select(t => (double)t.Configuration["lr"]).ToArray();
        Assert.Equal([1e-3, 1e-3, 1e-2, 1e-2, 1e-1, 1e-1], lrs, (x, y) => Math.Abs(x - y) <= 1e-12 * y);
        Assert.Equal(["adam", "sgd", "adam", "sgd", "adam", "sgd"], result.Archive.Select(t => (string)t.Configuration["optimizer"]));
        Assert.Equal(result.Archive.Max(t => t.Score), result.BestScore);
    }

    [Fact]
    public void LogScaleSamplesSpreadOverOrdersOfMagnitude()
    {
        var space = new SearchSpace { new NumericRange("lr", 1e-5, 1e-1, logScale: true), new IntegerRange("neurons", 4, 256, logScale: true) };
        IReadOnlyList<IReadOnlyDictionary<string, object>> draws = new RandomSearch(400, seed: 1).Configurations(space);
        double[] lrs = draws.Select(d => (double)d["lr"]).ToArray();
        Assert.All(lrs, lr => Assert.InRange(lr, 1e-5, 1e-1));
        // Uniform in log: each of the four decades holds about a quarter (a linear scale would put 90% in the last).
        for (int decade = -5; decade < -1; decade++)
        {
            int count = lrs.Count(lr => lr >= Math.Pow(10, decade) && lr < Math.Pow(10, decade + 1));
            Assert.InRange(count, 60, 140);
        }
        int[] sizes = draws.Select(d => (int)d["neurons"]).ToArray();
        Assert.All(sizes, n => Assert.InRange(n, 4, 256));
        Assert.InRange(sizes.Count(n => n < 32), 120, 280);

        Assert.Equal([4, 16, 64, 256], new IntegerRange("neurons", 4, 256, logScale: true).Grid(4));
        Assert.Equal([1, 2, 3], new IntegerRange("n_layers", 1, 3).Grid(10));
        Assert.Equal([0.0, 0.25, 0.5], new NumericRange("p", 0, 0.5).Grid(3));
    }

    [Fact]
    public void RandomSearchIsReproducibleBySeed()
    {
        var space = new SearchSpace { new NumericRange("lr", 1e-4, 1, logScale: true), new CategoricalChoice("activation", "relu", "tanh", "gelu") };
        string Draws(ulong seed) => string.Join(";", new RandomSearch(20, seed).Configurations(space).Select(d => $"{d["lr"]}/{d["activation"]}"));
        Assert.Equal(Draws(4), Draws(4));
        Assert.NotEqual(Draws(4), Draws(5));
    }

    [Fact]
    public void BadSearchInputIsRefusedWithTheProblemNamed()
    {
        MlpClassifier learner = TinyLearners.Classifier();
        ClassificationTask iris = Tasks.Iris();
        var empty = Assert.Throws<ArgumentException>(() => Tuner.Tune(learner, iris, new Holdout(), Measures.Accuracy, new SearchSpace(), new RandomSearch(3), 1));
        Assert.Contains("search space is empty", empty.Message);

        var unknown = Assert.Throws<ArgumentException>(() =>
            Tuner.Tune(learner, iris, new Holdout(), Measures.Accuracy, new SearchSpace { new NumericRange("learning_rate", 0.001, 0.1) }, new GridSearch(2), 1));
        Assert.Contains("'learning_rate'", unknown.Message);
        Assert.Contains("known:", unknown.Message);

        Assert.Contains("lower < upper", Assert.Throws<ArgumentOutOfRangeException>(() => new NumericRange("lr", 0.1, 0.01)).Message);
        Assert.Contains("positive lower bound", Assert.Throws<ArgumentOutOfRangeException>(() => new NumericRange("lr", 0, 0.1, logScale: true)).Message);
        Assert.Contains("lower <= upper", Assert.Throws<ArgumentOutOfRangeException>(() => new IntegerRange("epochs", 5, 4)).Message);
        Assert.Contains("at least one value", Assert.Throws<ArgumentException>(() => new CategoricalChoice("optimizer")).Message);
        Assert.Contains("already has a parameter 'lr'", Assert.Throws<ArgumentException>(() =>
            new SearchSpace { new NumericRange("lr", 0.01, 0.1), new NumericRange("lr", 0.01, 0.1) }).Message);
        Assert.Equal("nEvals", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSearch(0)).ParamName);
        Assert.Equal("resolution", Assert.Throws<ArgumentOutOfRangeException>(() => new GridSearch(0)).ParamName);
    }
}
