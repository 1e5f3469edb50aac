namespace Descent.Training.Tests;

public sealed class ResamplingTests
{
    private static readonly ClassificationTask s_iris = Tasks.Iris();

    [Fact]
    public void CrossValidationFoldsAreDisjointAndTestEveryRowOnce()
    {
        ResamplingInstance cv = new CrossValidation(folds: 4).Instantiate(s_iris, seed: 1);
        Assert.Equal(4, cv.Iterations);
        var tested = new List<int>();
        for (int i = 0; i < cv.Iterations; i++)
        {
            Assert.Empty(cv.TrainSet(i).Intersect(cv.TestSet(i)));
            Assert.Equal(Enumerable.Range(0, 150), cv.TrainSet(i).Concat(cv.TestSet(i)).Order());
            Assert.InRange(cv.TestSet(i).Count, 37, 38);
            tested.AddRange(cv.TestSet(i));
        }
        Assert.Equal(Enumerable.Range(0, 150), tested.Order());
    }

    [Fact]
    public void HoldoutKeepsTwoThirdsForTrainingByDefault()
    {
        ResamplingInstance holdout = new Holdout().Instantiate(s_iris, seed: 1);
        Assert.Equal(1, holdout.Iterations);
        Assert.Equal(100, holdout.TrainSet(0).Count);
        Assert.Equal(50, holdout.TestSet(0).Count);
        Assert.Empty(holdout.TrainSet(0).Intersect(holdout.TestSet(0)));
        Assert.Equal(Enumerable.Range(0, 150), holdout.TrainSet(0).Concat(holdout.TestSet(0)).Order());
    }

    [Fact]
    public void SplitsAreReproducibleBySeed()
    {
        var cv = new CrossValidation();
        ResamplingInstance a = cv.Instantiate(s_iris, 7);
        ResamplingInstance b = cv.Instantiate(s_iris, 7);
        ResamplingInstance c = cv.Instantiate(s_iris, 8);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(a.TestSet(i), b.TestSet(i));
        }
        Assert.NotEqual(a.TestSet(0), c.TestSet(0));
    }

    [Fact]
    public void StratifiedSplitsKeepTheClassProportions()
    {
        ResamplingInstance cv = new CrossValidation(folds: 5, stratify: true).Instantiate(s_iris, 3);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal([10, 10, 10], ClassCounts(cv.TestSet(i)));
        }
        ResamplingInstance holdout = new Holdout(stratify: true).Instantiate(s_iris, 3);
        Assert.Equal([33, 33, 33], ClassCounts(holdout.TrainSet(0)));
        Assert.Equal([17, 17, 17], ClassCounts(holdout.TestSet(0)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-3)]
    public void FewerThanTwoFoldsAreRefused(int folds)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CrossValidation(folds));
        Assert.Equal("folds", e.ParamName);
        Assert.Contains("at least 2 folds", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(-0.2)]
    [InlineData(double.NaN)]
    public void AHoldoutRatioOutsideZeroOneIsRefused(double ratio)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Holdout(ratio));
        Assert.Equal("ratio", e.ParamName);
        Assert.Contains("must be in (0, 1)", e.Message);
    }

    [Fact]
    public void ResamplingsATaskCannotTakeAreRefusedWithTheReason()
    {
        RegressionTask mtcars = Tasks.Mtcars();
        Assert.Contains("classification task", Assert.Throws<ArgumentException>(() => new CrossValidation(stratify: true).Instantiate(mtcars, 1)).Message);
        Assert.Contains("at least 40 rows", Assert.Throws<ArgumentException>(() => new CrossValidation(40).Instantiate(mtcars, 1)).Message);
        Assert.Contains("no rows for testing", Assert.Throws<ArgumentException>(() => new Holdout(0.99).Instantiate(mtcars.Subset([0, 1, 2]), 1)).Message);
    }

    [Fact]
    public void ResamplingATinyLearnerOnIrisScoresWellAndReproducibly()
    {
        MlpClassifier learner = TinyLearners.Classifier();
        Measure[] measures = [Measures.Accuracy, Measures.LogLoss];
        ResampleResult a = Resample.Run(learner, s_iris, new CrossValidation(), measures, seed: 11);
        ResampleResult b = Resample.Run(learner, s_iris, new CrossValidation(), measures, seed: 11);
        ResampleResult c = Resample.Run(learner, s_iris, new CrossValidation(), measures, seed: 12);

        Assert.Null(learner.Model);
        Assert.Equal(3, a.Iterations.Count);
        Assert.Equal([50, 50, 50], a.Predictions.Select(p => p.NRow));
        Assert.All(a.Iterations, it => Assert.NotNull(it.Learner.Model));
        IReadOnlyDictionary<string, double> aggregate = a.Aggregate();
        Assert.True(aggregate["classif.acc"] > 0.75, $"mean accuracy {aggregate["classif.acc"]}");
        Assert.True(aggregate["classif.logloss"] < Math.Log(3), $"mean log loss {aggregate["classif.logloss"]}");
        Assert.Equal(a.Scores("classif.acc").Average(), aggregate["classif.acc"], 12);

        Assert.Equal(a.Scores("classif.logloss"), b.Scores("classif.logloss"));
        Assert.Equal(a.Scores("classif.acc"), b.Scores("classif.acc"));
        Assert.NotEqual(a.Scores("classif.logloss"), c.Scores("classif.logloss"));
    }

    [Fact]
    public void ResampleNeedsAMeasureAndATaskOfTheRightKind()
    {
        MlpClassifier learner = TinyLearners.Classifier();
        Assert.Contains("measure", Assert.Throws<ArgumentException>(() => Resample.Run(learner, s_iris, new Holdout(), [], 1)).Message);
        Assert.Throws<ArgumentException>(() => Resample.Run(learner, Tasks.Mtcars(), new Holdout(), [Measures.Accuracy], 1));
        Assert.Throws<ArgumentException>(() => Resample.Run(learner, Tasks.Mtcars(), new Holdout().Instantiate(s_iris, 1), [Measures.Mse]));
    }

    private static int[] ClassCounts(IReadOnlyList<int> rows) =>
        Enumerable.Range(0, 3).Select(c => rows.Count(r => s_iris.Classes[r] == c)).ToArray();
}
