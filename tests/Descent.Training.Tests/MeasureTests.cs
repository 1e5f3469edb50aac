namespace Descent.Training.Tests;

public sealed class MeasureTests
{
    // Truth: rows 0, 2, 4 are positive ("spam" = class 1); probabilities of the positive class with a tie at 0.6.
    private static readonly ClassificationPrediction s_binary = new(
        ["nonspam", "spam"], "spam",
        truth: [1, 0, 1, 0, 1],
        response: [1, 1, 0, 0, 1],
        prob: [0.2f, 0.8f, 0.4f, 0.6f, 0.6f, 0.4f, 0.9f, 0.1f, 0.4f, 0.6f]);

    [Fact]
    public void AucCountsTiesHalf()
    {
        // Positives score 0.8, 0.4, 0.6; negatives 0.6, 0.1. Pairs won: 0.8 beats both (2), 0.4 beats 0.1 (1),
        // 0.6 beats 0.1 (1) and ties 0.6 (½): 4.5 of 6.
        Assert.Equal(4.5 / 6, Measures.Auc.Score(s_binary), 12);
    }

    [Fact]
    public void ClassificationMeasuresEqualHandComputedValues()
    {
        Assert.Equal(3.0 / 5, Measures.Accuracy.Score(s_binary), 12);
        Assert.Equal(2.0 / 5, Measures.ClassificationError.Score(s_binary), 12);
        double logLoss = -(Math.Log(0.8f) + Math.Log(0.4f) + Math.Log(0.4f) + Math.Log(0.9f) + Math.Log(0.6f)) / 5;
        Assert.Equal(logLoss, Measures.LogLoss.Score(s_binary), 6);
        double brier = (Math.Pow(1 - 0.8f, 2) + Math.Pow(0.6f, 2) + Math.Pow(1 - 0.4f, 2) + Math.Pow(0.1f, 2) + Math.Pow(1 - 0.6f, 2)) / 5;
        Assert.Equal(brier, Measures.Brier.Score(s_binary), 6);
        // TP = 2 (rows 0, 4), FP = 1 (row 1), FN = 1 (row 2).
        Assert.Equal(2.0 / 3, Measures.Precision.Score(s_binary), 12);
        Assert.Equal(2.0 / 3, Measures.Recall.Score(s_binary), 12);
        Assert.Equal(2.0 / 3, Measures.F1.Score(s_binary), 12);
    }

    [Fact]
    public void LogLossClipsZeroProbabilities()
    {
        var p = new ClassificationPrediction(["a", "b"], "a", [0], [1], [0f, 1f]);
        Assert.Equal(-Math.Log(1e-15), Measures.LogLoss.Score(p), 9);
    }

    [Fact]
    public void RegressionMeasuresEqualHandComputedValues()
    {
        var p = new RegressionPrediction(truth: [1, 2, 3, 4], response: [1.5f, 2, 2, 5]);
        Assert.Equal((0.25 + 0 + 1 + 1) / 4, Measures.Mse.Score(p), 12);
        Assert.Equal(Math.Sqrt(2.25 / 4), Measures.Rmse.Score(p), 12);
        Assert.Equal(2.5 / 4, Measures.Mae.Score(p), 12);
        Assert.Equal(1 - 2.25 / 5, Measures.Rsq.Score(p), 12);
    }

    [Fact]
    public void AMeasureOfTheWrongKindSaysWhy()
    {
        var regression = new RegressionPrediction([1], [1]);
        Assert.Contains("classification", Assert.Throws<ArgumentException>(() => Measures.Accuracy.Score(regression)).Message);
        var responses = new ClassificationPrediction(["a", "b"], "a", [0], [0], null);
        Assert.Contains("PredictType.Prob", Assert.Throws<ArgumentException>(() => Measures.LogLoss.Score(responses)).Message);
        var multi = new ClassificationPrediction(["a", "b", "c"], null, [0], [0], [1, 0, 0]);
        Assert.Contains("binary", Assert.Throws<ArgumentException>(() => Measures.Auc.Score(multi)).Message);
        Assert.Equal(0, Measures.MulticlassBrier.Score(multi), 12);
    }

    [Fact]
    public void MeasuresAreFoundByMlr3Id()
    {
        Assert.Same(Measures.LogLoss, Measures.Get("classif.logloss"));
        Assert.Same(Measures.Auc, Measures.Get("auc"));
        Assert.Throws<ArgumentException>(() => Measures.Get("classif.nope"));
    }
}
