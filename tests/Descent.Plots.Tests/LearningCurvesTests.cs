using Descent.Plots.Tests.Support;

namespace Descent.Plots.Tests;

public sealed class LearningCurvesTests
{
    private static readonly CurveSeries s_three = new("lr = 0.1", [[1.0, 4.0, 2.0], [3.0, 2.0, 2.0], [5.0, 3.0, 2.0]]);

    [Fact]
    public void MinMaxBand_IsMeanWithLowestAndHighestRun()
    {
        var figure = new LearningCurves("t", "loss", [s_three]);
        CurveSummary summary = Assert.Single(figure.Summaries);
        Assert.Equal(3, summary.RunCount);
        Assert.Equal([3.0, 3.0, 2.0], summary.Mean);
        Assert.Equal([1.0, 2.0, 2.0], summary.Lower);
        Assert.Equal([5.0, 4.0, 2.0], summary.Upper);
    }

    [Fact]
    public void StandardDeviationBand_UsesSampleStandardDeviation()
    {
        // Epoch 0: values 0, 0, 0, 4 have mean 1 and squared deviations 1 + 1 + 1 + 9 = 12; over n − 1 = 3 that is
        // a variance of 4, so sd = 2 (the population sd would be √3, the min–max band [0, 4]).
        var series = new CurveSeries("s", [[0.0, 2.0], [0.0, 2.0], [0.0, 2.0], [4.0, 2.0]]);
        var figure = new LearningCurves("t", "loss", [series], CurveBand.StandardDeviation);
        CurveSummary summary = Assert.Single(figure.Summaries);
        Assert.Equal([1.0, 2.0], summary.Mean);
        Assert.Equal([-1.0, 2.0], summary.Lower);
        Assert.Equal([3.0, 2.0], summary.Upper);
    }

    [Fact]
    public void StandardDeviationBand_MatchesDirectComputation()
    {
        var rng = new Random(3);
        double[][] runs = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, 7).Select(_ => rng.NextDouble()).ToArray()).ToArray();
        CurveSummary summary = LearningCurves.Summarize(new CurveSeries("s", runs), CurveBand.StandardDeviation, logY: false);
        for (int e = 0; e < 7; e++)
        {
            double[] column = runs.Select(r => r[e]).ToArray();
            double mean = column.Average();
            double sd = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / (column.Length - 1));
            Assert.Equal(mean, summary.Mean[e], 12);
            Assert.Equal(mean - sd, summary.Lower[e], 12);
            Assert.Equal(mean + sd, summary.Upper[e], 12);
        }
    }

    [Fact]
    public void SingleRun_HasNoSpread()
    {
        CurveSummary summary = LearningCurves.Summarize(new CurveSeries("s", [[0.5, 0.25]]), CurveBand.StandardDeviation, logY: false);
        Assert.Equal(summary.Mean, summary.Lower);
        Assert.Equal(summary.Mean, summary.Upper);
    }

    [Fact]
    public void StandardDeviationBandOnLogAxis_StopsAtLowestRunInsteadOfZero()
    {
        // Mean 1, sd about 1.7: mean − sd is negative, which a log axis cannot draw.
        var series = new CurveSeries("s", [[0.01], [0.01], [2.98]]);
        CurveSummary summary = LearningCurves.Summarize(series, CurveBand.StandardDeviation, logY: true);
        Assert.Equal(0.01, summary.Lower[0]);
        Assert.True(summary.Upper[0] > 2.5);
    }

    [Fact]
    public void Legend_SaysWhatTheBandIs()
    {
        string minMax = Support.ImageChecks.AssertSvg(new LearningCurves("t", "loss", [s_three]).ToSvg(), 800, 500);
        Assert.Contains("band: min–max of 3 seeds", minMax);
        string sd = Support.ImageChecks.AssertSvg(
            new LearningCurves("t", "loss", [s_three], CurveBand.StandardDeviation).ToSvg(), 800, 500);
        Assert.Contains("band: mean ± 1 sd of 3 seeds", sd);
    }

    [Fact]
    public void Legend_NamesSeedCountsWhenTheyDiffer()
    {
        var figure = new LearningCurves("t", "loss", [s_three, new CurveSeries("lr = 1", [[1.0, 2.0, 3.0]])]);
        string text = Support.ImageChecks.AssertSvg(figure.ToSvg(), 800, 500);
        Assert.Contains("lr = 0.1 (mean of 3 seeds)", text);
        Assert.Contains("lr = 1 (1 run)", text);
    }

    [Fact]
    public void SeriesMayDifferInLength()
    {
        var figure = new LearningCurves("t", "loss", [s_three, new CurveSeries("long", [[1.0, 2.0, 3.0, 4.0, 5.0]])]);
        Assert.Equal(5, figure.Summaries[1].Mean.Length);
        Support.ImageChecks.AssertPng(figure.ToPng(), 800, 500);
    }

    [Fact]
    public void EmptySeriesList_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new LearningCurves("t", "loss", []));
        Assert.Equal("series", e.ParamName);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void SeriesWithoutRuns_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new LearningCurves("t", "loss", [new CurveSeries("a", [])]));
        Assert.Contains("Series 'a' has no runs", e.Message);
    }

    [Fact]
    public void EmptyRun_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new LearningCurves("t", "loss", [new CurveSeries("a", [[1.0], []])]));
        Assert.Contains("run 1 has no epochs", e.Message);
    }

    [Fact]
    public void RunsOfDifferentLengths_Throw()
    {
        var e = Assert.Throws<ArgumentException>(
            () => new LearningCurves("t", "loss", [new CurveSeries("a", [[1.0, 2.0, 3.0], [1.0, 2.0]])]));
        Assert.Equal("series", e.ParamName);
        Assert.Contains("run 1 has 2 epochs but run 0 has 3", e.Message);
    }

    [Theory]
    [InlineData(double.NaN, false, "NaN")]
    [InlineData(double.PositiveInfinity, false, "finite")]
    [InlineData(0.0, true, "log axis")]
    [InlineData(-1.0, true, "log axis")]
    public void UnplottableValue_Throws(double value, bool logY, string expected)
    {
        var e = Assert.Throws<ArgumentException>(
            () => new LearningCurves("t", "loss", [new CurveSeries("a", [[1.0, 0.5], [1.0, value]])], logY: logY));
        Assert.Contains("Series 'a', run 1", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void NegativeValuesOnLinearAxis_AreFine()
    {
        var figure = new LearningCurves("t", "gain", [new CurveSeries("a", [[-1.0, 0.0, 1.0]])]);
        Assert.Equal([-1.0, 0.0, 1.0], figure.Summaries[0].Mean);
    }

    [Fact]
    public void DuplicateLabels_Throw()
    {
        var e = Assert.Throws<ArgumentException>(
            () => new LearningCurves("t", "loss", [new CurveSeries("a", [[1.0]]), new CurveSeries("a", [[2.0]])]));
        Assert.Contains("'a'", e.Message);
    }

    [Fact]
    public void BlankMeasure_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new LearningCurves("t", "", [s_three]));
        Assert.Equal("measure", e.ParamName);
    }

    [Fact]
    public void ADivergedSeriesEndsInAMarkedCross()
    {
        var figure = new LearningCurves("t", "loss", [new CurveSeries("lr = 10", [[3.0, 2.0e30]]) { Diverged = true }, new CurveSeries("lr = 0.1", [[3.0, 2.0]])]);
        Assert.Equal([true, false], figure.Diverged);
        string text = ImageChecks.AssertSvg(figure.ToSvg(), 800, 500);
        Assert.Contains("diverged", text);
        // Huge values get an exponent on the axis, not thirty digits.
        Assert.DoesNotContain("000,000,000", text);
    }
}
