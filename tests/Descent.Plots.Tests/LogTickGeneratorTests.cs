using Descent.Plots.Rendering;
using ScottPlot;

namespace Descent.Plots.Tests;

public sealed class LogTickGeneratorTests
{
    [Theory]
    [InlineData(1e-5, "1e-5")]
    [InlineData(2.5e-6, "2.5e-6")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.3, "0.3")]
    [InlineData(3 * 0.1, "0.3")]
    [InlineData(1, "1")]
    [InlineData(100, "100")]
    [InlineData(20000, "20000")]
    [InlineData(1e5, "1e5")]
    [InlineData(3.2e7, "3.2e7")]
    public void Format_ReadsLikeTheValue(double value, string expected)
    {
        Assert.Equal(expected, LogTickGenerator.Format(value));
    }

    [Fact]
    public void SeveralDecades_GetLabelledDecadesAndMinorDigits()
    {
        List<Tick> ticks = LogTickGenerator.Generate(-3.2, 0.1, maxLabels: 10);
        Assert.Equal(["0.001", "0.01", "0.1", "1"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Contains(ticks, t => !t.IsMajor && Math.Abs(t.Position - Math.Log10(0.02)) < 1e-12);
    }

    [Fact]
    public void ManyDecades_LabelOnlySomeOfThem()
    {
        List<Tick> ticks = LogTickGenerator.Generate(-12, 0, maxLabels: 4);
        int labelled = ticks.Count(t => t.IsMajor);
        Assert.InRange(labelled, 2, 5);
    }

    [Fact]
    public void LessThanADecade_UsesOneTwoFiveOrDigits()
    {
        List<Tick> ticks = LogTickGenerator.Generate(Math.Log10(0.15), Math.Log10(0.75), maxLabels: 10);
        Assert.Equal(["0.2", "0.3", "0.4", "0.5", "0.6", "0.7"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
    }

    [Fact]
    public void NarrowRange_UsesEvenSteps()
    {
        List<Tick> ticks = LogTickGenerator.Generate(Math.Log10(0.30), Math.Log10(0.36), maxLabels: 10);
        string[] labels = ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray();
        Assert.True(labels.Length >= 3, string.Join(", ", labels));
        Assert.All(ticks, t => Assert.InRange(t.Position, Math.Log10(0.30) - 1e-12, Math.Log10(0.36) + 1e-12));
    }

    [Fact]
    public void EmptyRange_GetsOneTick()
    {
        Assert.Single(LogTickGenerator.Generate(-1, -1, maxLabels: 5));
    }
}
