using Descent.Plots.Tests.Support;

namespace Descent.Plots.Tests;

public sealed class TrajectoryPlotTests
{
    private static readonly ContourSurface s_bowl = new((x, y) => x * x + 4 * y * y, (-2, 2), (-2, 2), minimum: (0, 0), resolution: 40);
    private static readonly TrajectorySeries s_path = new("GD", [(1.5, 1.5), (0.5, 0.2), (0.1, 0.0)]);

    [Fact]
    public void LogarithmicLevels_GrowByAConstantRatioAboveTheMinimum()
    {
        var figure = new TrajectoryPlot("t", new ContourSurface(Samples.Rosenbrock, (-2, 2), (-1, 3), levels: 10), [s_path]);
        double[] levels = figure.Levels.ToArray();
        Assert.Equal(10, levels.Length);
        double min = Enumerable.Range(0, 200).SelectMany(i => Enumerable.Range(0, 200)
            .Select(j => Samples.Rosenbrock(-2 + 4.0 * j / 199, -1 + 4.0 * i / 199))).Min();
        double[] ratios = levels.Zip(levels.Skip(1), (a, b) => (b - min) / (a - min)).ToArray();
        Assert.All(ratios, r => Assert.Equal(ratios[0], r, 6));
        Assert.True(ratios[0] > 1.5, $"A Rosenbrock surface spans decades; ratio {ratios[0]} is too small.");
    }

    [Fact]
    public void LinearLevels_AreEvenlySpaced()
    {
        var surface = new ContourSurface((x, y) => x + y, (0, 1), (0, 1), spacing: ContourSpacing.Linear, levels: 4, resolution: 11);
        var figure = new TrajectoryPlot("t", surface, [s_path]);
        double[] steps = figure.Levels.Zip(figure.Levels.Skip(1), (a, b) => b - a).ToArray();
        Assert.All(steps, s => Assert.Equal(steps[0], s, 9));
        Assert.All(figure.Levels, l => Assert.InRange(l, 0.0, 2.0));
    }

    [Fact]
    public void Png_ShowsTheSurfaceAndPaths()
    {
        var figure = new TrajectoryPlot("Bowl", s_bowl, [s_path], "intercept", "slope");
        ImageChecks.AssertPng(figure.ToPng(400, 400), 400, 400);
    }

    [Fact]
    public void PathsLeavingTheRange_AreClippedNotRejected()
    {
        var figure = new TrajectoryPlot("t", s_bowl, [new TrajectorySeries("diverging", [(1, 1), (-3, -3), (9, 9)])]);
        ImageChecks.AssertPng(figure.ToPng(300, 300), 300, 300);
    }

    [Fact]
    public void NoTrajectories_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrajectoryPlot("t", s_bowl, []));
        Assert.Equal("trajectories", e.ParamName);
    }

    [Fact]
    public void TrajectoryWithoutPoints_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrajectoryPlot("t", s_bowl, [new TrajectorySeries("empty", [])]));
        Assert.Contains("Trajectory 'empty' has no points", e.Message);
    }

    [Fact]
    public void NonFinitePoint_Throws()
    {
        var e = Assert.Throws<ArgumentException>(
            () => new TrajectoryPlot("t", s_bowl, [new TrajectorySeries("nan", [(0, 0), (double.NaN, 1)])]));
        Assert.Contains("point 1", e.Message);
    }

    [Fact]
    public void DuplicateLabels_Throw()
    {
        Assert.Throws<ArgumentException>(() => new TrajectoryPlot("t", s_bowl, [s_path, s_path]));
    }

    [Fact]
    public void SurfaceThatIsNotFinite_Throws()
    {
        var surface = new ContourSurface((x, y) => Math.Log(x), (-1, 1), (-1, 1), resolution: 10);
        var e = Assert.Throws<ArgumentException>(() => new TrajectoryPlot("t", surface, [s_path]));
        Assert.Equal("surface", e.ParamName);
        Assert.Contains("finite", e.Message);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(0, double.NaN)]
    public void EmptyOrReversedRange_Throws(double min, double max)
    {
        var e = Assert.Throws<ArgumentException>(() => new ContourSurface((x, y) => x, (min, max), (0, 1)));
        Assert.Equal("x", e.ParamName);
    }

    [Fact]
    public void TooFewLevels_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContourSurface((x, y) => x, (0, 1), (0, 1), levels: 1));
    }

    [Fact]
    public void MarkedPoint_IsNamedByTheCaller()
    {
        var saddle = new ContourSurface((x, y) => x * x - y * y, (-1, 1), (-1, 1), minimum: (0, 0),
            spacing: ContourSpacing.Linear, resolution: 20, minimumLabel: "saddle point");
        string text = ImageChecks.AssertSvg(new TrajectoryPlot("t", saddle, [s_path]).ToSvg(), 800, 500);
        Assert.Contains("saddle point", text);
        Assert.DoesNotContain("minimum", text);
    }

    [Fact]
    public void WideSurface_RendersWithEqualScaleOrWithout()
    {
        var wide = new ContourSurface((x, y) => x * x + 25 * y * y, (-5, 5), (-1, 1), resolution: 30);
        ImageChecks.AssertPng(new TrajectoryPlot("t", wide, [s_path]).ToPng(), 800, 500);
        ImageChecks.AssertPng(new TrajectoryPlot("t", wide, [s_path], equalScale: false).ToPng(), 800, 500);
    }

    [Fact]
    public void ADivergingPathIsClippedAtTheBorderAndMarked()
    {
        (double, double)[] path = [(0.5, 0.5), (1.0, 1.0), (3.0, 1.0), (-90.0, 7.0)];
        (IReadOnlyList<(double X, double Y)> kept, bool left) = TrajectoryPlot.Clip(path, (-2, 2), (-2, 2));
        Assert.True(left);
        Assert.Equal([(0.5, 0.5), (1.0, 1.0), (2.0, 1.0)], kept);

        (IReadOnlyList<(double X, double Y)> inside, bool stayed) = TrajectoryPlot.Clip(s_path.Points, (-2, 2), (-2, 2));
        Assert.False(stayed);
        Assert.Equal(s_path.Points, inside);

        string text = ImageChecks.AssertSvg(new TrajectoryPlot("t", s_bowl, [new TrajectorySeries("far", path)]).ToSvg(), 800, 500);
        Assert.Contains("left the plotted region", text);
    }

    [Fact]
    public void MinimaAndASaddlePointAreMarkedApart()
    {
        var surface = new ContourSurface((x, y) => x * x - y * y + y * y * y * y / 4, (-2, 2), (-2, 2), minimum: (0, Math.Sqrt(2)),
            spacing: ContourSpacing.Linear, resolution: 20)
        {
            OtherMinima = [(0, -Math.Sqrt(2))],
            SaddlePoint = (0, 0),
        };
        string text = ImageChecks.AssertSvg(new TrajectoryPlot("t", surface, [s_path]).ToSvg(), 800, 500);
        Assert.Contains("minima", text);
        Assert.Contains("saddle point", text);
    }
}
