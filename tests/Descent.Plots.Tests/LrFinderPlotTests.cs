using Descent.Plots.Tests.Support;

namespace Descent.Plots.Tests;

public sealed class LrFinderPlotTests
{
    [Fact]
    public void VisibleRange_CutsTheBlowUp()
    {
        // Loss falls from 1.0 to 0.2, then explodes to 50: the axis stops at 1.0 + 0.8 plus a margin.
        var figure = new LrFinderPlot("t", [1e-5, 1e-4, 1e-3, 1e-2, 1e-1], [1.0, 0.6, 0.2, 0.5, 50]);
        (double bottom, double top) = figure.VisibleLossRange();
        Assert.InRange(top, 1.8, 1.9);
        Assert.InRange(bottom, 0.1, 0.2);
    }

    [Fact]
    public void VisibleRange_KeepsEveryPointWhenNothingExplodes()
    {
        var figure = new LrFinderPlot("t", [1e-3, 1e-2, 1e-1], [1.0, 0.5, 0.7]);
        (double bottom, double top) = figure.VisibleLossRange();
        Assert.True(bottom < 0.5 && top > 1.0);
    }

    [Fact]
    public void Suggestion_IsMarkedWithItsValue()
    {
        string text = ImageChecks.AssertSvg(Samples.LrFinder().ToSvg(), 800, 500);
        Assert.Contains("suggested lr = 1e-3", text);
    }

    [Fact]
    public void WithoutSuggestion_Renders()
    {
        var figure = new LrFinderPlot("t", [1e-3, 1e-2, 1e-1], [1.0, 0.5, 0.7]);
        ImageChecks.AssertPng(figure.ToPng(), 800, 500);
    }

    [Fact]
    public void MismatchedLengths_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => new LrFinderPlot("t", [1e-3, 1e-2, 1e-1], [1.0, 0.5]));
        Assert.Equal("losses", e.ParamName);
        Assert.Contains("2 values where 3 are needed", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-3)]
    public void NonPositiveLearningRate_Throws(double lr)
    {
        var e = Assert.Throws<ArgumentException>(() => new LrFinderPlot("t", [lr, 1e-2], [1.0, 0.5]));
        Assert.Equal("learningRates", e.ParamName);
        Assert.Contains("log axis", e.Message);
    }

    [Fact]
    public void InfiniteLoss_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new LrFinderPlot("t", [1e-3, 1e-2], [1.0, double.PositiveInfinity]));
        Assert.Equal("losses", e.ParamName);
        Assert.Contains("point 1", e.Message);
    }

    [Fact]
    public void SuggestionOutsideTheTestedRange_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new LrFinderPlot("t", [1e-3, 1e-2], [1.0, 0.5], suggested: 1.0));
        Assert.Equal("suggested", e.ParamName);
        Assert.Contains("outside the tested range", e.Message);
    }

    [Fact]
    public void SinglePoint_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LrFinderPlot("t", [1e-3], [1.0]));
    }
}
