using Descent.Plots.Tests.Support;

namespace Descent.Plots.Tests;

public sealed class SchedulePlotTests
{
    [Fact]
    public void WithoutMomentum_HasNoMomentumPanel()
    {
        var figure = new SchedulePlot("t", [new ScheduleSeries("StepLR", [0.1, 0.1, 0.01])]);
        string text = ImageChecks.AssertSvg(figure.ToSvg(), 800, 500);
        Assert.DoesNotContain("momentum", text);
        Assert.Contains("learning rate", text);
    }

    [Fact]
    public void WithMomentum_LegendNamesEverySchedule()
    {
        string text = ImageChecks.AssertSvg(Samples.Schedules().ToSvg(), 800, 500);
        Assert.Contains("momentum", text);
        Assert.Single(text.Split('\n'), l => l == "StepLR");
        Assert.Single(text.Split('\n'), l => l == "OneCycleLR");
    }

    [Fact]
    public void LogAxis_AcceptsPositiveRates()
    {
        var figure = new SchedulePlot("t", [new ScheduleSeries("exp", [1, 0.1, 0.01, 0.001])], logY: true);
        ImageChecks.AssertPng(figure.ToPng(), 800, 500);
    }

    [Fact]
    public void ZeroRateOnLogAxis_Throws()
    {
        var e = Assert.Throws<ArgumentException>(
            () => new SchedulePlot("t", [new ScheduleSeries("warmup", [0, 0.05, 0.1])], logY: true));
        Assert.Equal("schedules", e.ParamName);
        Assert.Contains("Schedule 'warmup'", e.Message);
        Assert.Contains("step 0", e.Message);
        Assert.Contains("log axis", e.Message);
    }

    [Fact]
    public void ZeroRateOnLinearAxis_IsFine()
    {
        var figure = new SchedulePlot("t", [new ScheduleSeries("warmup", [0, 0.05, 0.1])]);
        ImageChecks.AssertPng(figure.ToPng(), 800, 500);
    }

    [Fact]
    public void MomentumOfAnotherLength_Throws()
    {
        var e = Assert.Throws<ArgumentException>(
            () => new SchedulePlot("t", [new ScheduleSeries("one", [0.1, 0.2, 0.1], [0.9, 0.8])]));
        Assert.Contains("momentum", e.Message);
        Assert.Contains("2 values where 3 are needed", e.Message);
    }

    [Fact]
    public void NoSchedules_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SchedulePlot("t", []));
    }

    [Fact]
    public void ScheduleWithoutSteps_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new SchedulePlot("t", [new ScheduleSeries("none", [])]));
        Assert.Contains("no steps", e.Message);
    }

    [Fact]
    public void MomentumLabel_IsTheCallers()
    {
        var figure = new SchedulePlot(
            "t", [new ScheduleSeries("OneCycleLR", [0.1, 0.2], [0.95, 0.85])], momentumLabel: "β₁");
        string text = ImageChecks.AssertSvg(figure.ToSvg(), 800, 500);
        Assert.Contains("β₁", text);
        Assert.DoesNotContain("momentum", text);
    }

    [Fact]
    public void CallersArrays_AreCopied()
    {
        double[] rates = [0.1, 0.2];
        var figure = new SchedulePlot("t", [new ScheduleSeries("s", rates)], logY: true);
        rates[0] = -1;
        Assert.Equal(0.1, figure.Schedules[0].LearningRates[0]);
        ImageChecks.AssertPng(figure.ToPng(), 800, 500);
    }

    [Fact]
    public void AConstantScheduleStartsItsAxisAtZero()
    {
        (double low, double high) = SchedulePlot.RateLimits(Enumerable.Repeat(0.1, 50));
        Assert.InRange(low, -0.01, 0);
        Assert.InRange(high, 0.1, 0.11);
        (low, high) = SchedulePlot.RateLimits([0.0333, 0.0333, 0.1, 0.1]);
        Assert.InRange(low, -0.01, 0);
        Assert.InRange(high, 0.1, 0.11);
    }
}
