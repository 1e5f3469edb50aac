using Descent.Plots.Tests.Support;

namespace Descent.Plots.Tests;

public sealed class BatchSizePlotTests
{
    private static readonly int[] s_batches = [1, 4, 16, 64, 256];

    [Fact]
    public void FitSigma_RecoversSigmaFromExactMeasurements()
    {
        double[] se = s_batches.Select(b => 0.7 / Math.Sqrt(b)).ToArray();
        Assert.Equal(0.7, GradientNoisePlot.FitSigma(s_batches, se, populationSize: null), 12);
    }

    [Fact]
    public void FitSigma_AllowsForAFinitePopulation()
    {
        const int n = 300;
        double[] se = s_batches.Select(b => 0.7 / Math.Sqrt(b) * Math.Sqrt((n - b) / (n - 1.0))).ToArray();
        Assert.Equal(0.7, GradientNoisePlot.FitSigma(s_batches, se, n), 12);
    }

    [Fact]
    public void GivenSigma_IsUsedAndNamed()
    {
        var figure = new GradientNoisePlot("t", s_batches, [1, 0.5, 0.25, 0.125, 0.0625], sigma: 1.0);
        Assert.False(figure.SigmaIsFitted);
        string text = ImageChecks.AssertSvg(figure.ToSvg(), 800, 500);
        Assert.Contains("σ/√B, σ = 1", text);
        Assert.DoesNotContain("fitted", text);
    }

    [Fact]
    public void FittedSigma_IsSaidToBeFitted()
    {
        string text = ImageChecks.AssertSvg(Samples.GradientNoise().ToSvg(), 800, 500);
        Assert.Contains("(fitted)", text);
    }

    [Fact]
    public void BatchSizeBelowOne_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new GradientNoisePlot("t", [0, 2], [1.0, 0.5]));
        Assert.Equal("batchSizes", e.ParamName);
        Assert.Contains("Batch size 0 is 0", e.Message);
    }

    [Fact]
    public void NonPositiveStandardError_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new GradientNoisePlot("t", [1, 2], [1.0, 0.0]));
        Assert.Equal("standardErrors", e.ParamName);
        Assert.Contains("log axis", e.Message);
    }

    [Fact]
    public void MismatchedLengths_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => new GradientNoisePlot("t", [1, 2, 4], [1.0, 0.5]));
        Assert.Equal("standardErrors", e.ParamName);
    }

    [Fact]
    public void PopulationSmallerThanABatch_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new GradientNoisePlot("t", [1, 64], [1.0, 0.1], populationSize: 32));
        Assert.Equal("populationSize", e.ParamName);
    }

    [Fact]
    public void NoBatchSizes_Throws()
    {
        Assert.Throws<ArgumentException>(() => new GradientNoisePlot("t", [], []));
    }

    [Fact]
    public void StepTimes_OnLinearAxisAcceptZero()
    {
        var figure = new StepTimePlot("t", [new StepTimeSeries("a", [1, 2], [0.0, 1.0])], logY: false);
        ImageChecks.AssertPng(figure.ToPng(), 800, 500);
    }

    [Fact]
    public void StepTimes_ZeroOnLogAxis_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new StepTimePlot("t", [new StepTimeSeries("a", [1, 2], [0.0, 1.0])]));
        Assert.Contains("Series 'a', time", e.Message);
        Assert.Contains("log axis", e.Message);
    }

    [Fact]
    public void StepTimes_MismatchedLengths_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => new StepTimePlot("t", [new StepTimeSeries("a", [1, 2, 4], [1.0, 2.0])]));
        Assert.Contains("Series 'a', times", e.Message);
    }

    [Fact]
    public void StepTimes_BatchSizeBelowOne_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new StepTimePlot("t", [new StepTimeSeries("a", [0, 2], [1.0, 2.0])]));
        Assert.Contains("batch size 0 is 0", e.Message);
    }

    [Fact]
    public void StepTimes_ManySeries_RepeatColoursWithMarkers()
    {
        StepTimeSeries[] series = Enumerable.Range(0, 9)
            .Select(i => new StepTimeSeries($"s{i}", [1, 2, 4], [1.0 + i, 2.0 + i, 3.0 + i]))
            .ToArray();
        string text = ImageChecks.AssertSvg(new StepTimePlot("t", series).ToSvg(), 800, 500);
        Assert.All(series, s => Assert.Contains(s.Label, text));
    }
}
