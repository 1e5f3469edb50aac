namespace Descent.Training.Tests;

public sealed class LrFinderTests
{
    [Fact]
    public void WithAccumulationAPointIsOneStepOnTheMeanOfItsBatches()
    {
        // Three batches of 5 rows per point, against batches of 15: the same rows, the same steps.
        MlpClassifier Learner(int batchSize, int accumulate) => new()
        {
            Neurons = [8], P = 0, BatchSize = batchSize, AccumulateBatches = accumulate, Seed = 4, Standardize = true,
        };
        var finder = new LrFinder { NumIterations = 30 };

        IReadOnlyList<LrFinderPoint> accumulated = finder.Run(Learner(5, 3), Tasks.Iris()).Curve;
        IReadOnlyList<LrFinderPoint> large = finder.Run(Learner(15, 1), Tasks.Iris()).Curve;

        Assert.Equal(large.Count, accumulated.Count);
        for (int i = 0; i < large.Count; i++)
        {
            Assert.Equal(large[i].Lr, accumulated[i].Lr);
            Assert.True(Math.Abs(large[i].Loss - accumulated[i].Loss) <= 1e-5 * large[i].Loss, $"point {i}: {accumulated[i].Loss:R} accumulated, {large[i].Loss:R} in one batch");
        }
    }

    [Fact]
    public void TheRangeTestOnIrisGivesARisingCurveAndASuggestionInsideIt()
    {
        MlpClassifier learner = TinyLearners.Classifier();
        learner.Seed = 4;
        string settings = learner.DescribeSettings();
        var finder = new LrFinder();

        LrFinderResult result = finder.Run(learner, Tasks.Iris());

        IReadOnlyList<LrFinderPoint> curve = result.Curve;
        Assert.InRange(curve.Count, 2, 100);
        Assert.Equal(1e-7, curve[0].Lr, 1e-20);
        Assert.All(curve.Zip(curve.Skip(1)), pair => Assert.True(pair.Second.Lr > pair.First.Lr));
        Assert.InRange(curve[^1].Lr, 1e-7, 10 * (1 + 1e-12));
        // Bias correction makes the first smoothed loss the first loss itself.
        Assert.Equal(curve[0].Loss, curve[0].SmoothedLoss, 12);
        Assert.InRange(result.SuggestedLr, 1e-7, 10);
        Assert.Equal(LrSuggestionRule.SteepestDescent, result.SuggestionRule);
        Assert.Equal(curve[result.SuggestedIndex].Lr, result.SuggestedLr);
        if (result.StopReason is not null)
        {
            Assert.True(curve[^1].SmoothedLoss > 4 * curve.SkipLast(1).Min(p => p.SmoothedLoss));
        }
        else
        {
            Assert.Equal(100, curve.Count);
            Assert.Equal(10, curve[^1].Lr, 1e-9);
        }

        Assert.Null(learner.Model);
        Assert.Equal(settings, learner.DescribeSettings());
        Assert.Equal(curve.Select(p => p.Loss), finder.Run(learner, Tasks.Iris()).Curve.Select(p => p.Loss));
    }

    [Fact]
    public void TheSuggestionIsTheSteepestDescentAwayFromTheEnds()
    {
        // Smoothed loss 1 − tanh(2·(log10 lr + 3)): steepest at lr = 1e-3; a steeper drop in the first ten points is skipped.
        var curve = Enumerable.Range(0, 61).Select(i =>
        {
            double logLr = -6 + i * 0.1;
            double smoothed = 1 - Math.Tanh(2 * (logLr + 3)) + (i < 10 ? 5 - 0.5 * i : 0);
            return new LrFinderPoint(Math.Pow(10, logLr), smoothed, smoothed);
        }).ToArray();
        (int index, LrSuggestionRule rule) = LrFinder.Suggest(curve, skipStart: 10, skipEnd: 5);
        Assert.Equal(30, index);
        Assert.Equal(LrSuggestionRule.SteepestDescent, rule);

        (index, rule) = LrFinder.Suggest(curve[..14], skipStart: 10, skipEnd: 5);
        Assert.Equal(LrSuggestionRule.MinimumOverTen, rule);
        Assert.Equal(13, index);
    }

    [Fact]
    public void BadFinderSettingsAreNamed()
    {
        MlpClassifier learner = TinyLearners.Classifier();
        ClassificationTask iris = Tasks.Iris();
        Assert.Equal("StartLr", Assert.Throws<ArgumentOutOfRangeException>(() => new LrFinder { StartLr = 0 }.Run(learner, iris)).ParamName);
        Assert.Equal("EndLr", Assert.Throws<ArgumentOutOfRangeException>(() => new LrFinder { EndLr = 1e-8 }.Run(learner, iris)).ParamName);
        Assert.Equal("NumIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new LrFinder { NumIterations = 1 }.Run(learner, iris)).ParamName);
        Assert.Equal("Beta", Assert.Throws<ArgumentOutOfRangeException>(() => new LrFinder { Beta = 1 }.Run(learner, iris)).ParamName);
        Assert.Throws<ArgumentException>(() => new LrFinder().Run(learner, Tasks.Mtcars()));
    }
}
