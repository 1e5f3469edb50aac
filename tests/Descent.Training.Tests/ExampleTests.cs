using Descent.Training.Examples;

namespace Descent.Training.Tests;

public sealed class ExampleTests
{
    [Theory]
    [InlineData("rosenbrock")]
    [InlineData("beale")]
    [InlineData("quadratic")]
    [InlineData("linreg")]
    [InlineData("saddle")]
    public void EachSurfaceHasItsMinimumWhereItSays(string name)
    {
        LossSurface s = LossSurfaces.Get(name);
        double atMinimum = s.Evaluate(s.Minimum.X, s.Minimum.Y);
        Assert.True(atMinimum <= s.Evaluate(s.Minimum.X + 0.05, s.Minimum.Y) && atMinimum <= s.Evaluate(s.Minimum.X, s.Minimum.Y - 0.05));
        Assert.True(atMinimum < s.Evaluate(s.Start.X, s.Start.Y));
        foreach ((double x, double y) in s.Minima)
        {
            Assert.Equal(atMinimum, s.Evaluate(x, y), 5);
            Assert.True(atMinimum < s.Evaluate(x + 0.05, y) && atMinimum < s.Evaluate(x, y + 0.05) && atMinimum < s.Evaluate(x, y - 0.05));
        }
        if (s.SaddlePoint is (double sx, double sy))
        {
            // Rising along x and falling along y: a saddle, not a minimum.
            Assert.True(s.Evaluate(sx + 0.1, sy) > s.Evaluate(sx, sy) && s.Evaluate(sx, sy + 0.1) < s.Evaluate(sx, sy));
        }
    }

    [Fact]
    public void GradientDescentOnTheQuadraticFollowsTheClosedForm()
    {
        // On (x² + 25y²)/2 with step η, gradient descent multiplies x by (1 − η) and y by (1 − 25η) each step.
        LossSurface s = LossSurfaces.IllConditioned();
        Trajectory t = TrajectoryRunner.Run(s, "sgd", new Dictionary<string, object?> { ["lr"] = 0.05 }, 10, "sgd");
        Assert.Equal(11, t.Points.Count);
        Assert.Equal(s.Start.X * Math.Pow(0.95, 10), t.Points[^1].X, 4);
        Assert.Equal(s.Start.Y * Math.Pow(1 - 25 * 0.05, 10), t.Points[^1].Y, 4);
    }

    [Fact]
    public void ADivergingPathStopsAtTheLastFinitePoint()
    {
        Trajectory t = TrajectoryRunner.Run(LossSurfaces.Rosenbrock(), "sgd", new Dictionary<string, object?> { ["lr"] = 0.1 }, 50, "too big");
        Assert.True(t.Points.Count < 51);
        Assert.All(t.Points, p => Assert.True(double.IsFinite(p.X) && double.IsFinite(p.Y)));
    }

    [Fact]
    public void TheGradientsStandardErrorFallsLikeOneOverRootB()
    {
        IReadOnlyList<GradientNoisePoint> points = GradientNoise.Measure(Tasks.Iris(), [1, 4, 16, 64], draws: 40, neurons: 16);
        Assert.Equal([1, 4, 16, 64], points.Select(p => p.BatchSize));
        for (int i = 1; i < points.Count; i++)
        {
            Assert.True(points[i].StandardError < points[i - 1].StandardError);
            double ratio = points[i].StandardError / points[i].PredictedStandardError;
            Assert.InRange(ratio, 0.6, 1.6);
        }
        Assert.All(points, p => Assert.True(p.MicrosecondsPerStep > 0));
    }

    [Fact]
    public void AGridOfAnElementwiseSurfaceHasThePointByPointValues()
    {
        double[] xs = [-1.7, -0.3, 0, 0.45, 1.9];
        double[] ys = [-2, -0.5, 0.01, 2.2];
        foreach (LossSurface surface in new[] { LossSurfaces.Rosenbrock(), LossSurfaces.Beale(), LossSurfaces.Saddle(), LossSurfaces.IllConditioned(300) })
        {
            Assert.NotNull(surface.Pointwise);
            double[,] grid = surface.EvaluateGrid(xs, ys);
            for (int i = 0; i < ys.Length; i++)
            {
                for (int j = 0; j < xs.Length; j++)
                {
                    Assert.Equal(surface.Evaluate(xs[j], ys[i]), grid[i, j]);
                }
            }
        }
    }

    [Fact]
    public void TheLinearRegressionGridIsWithinRoundingOfThePointByPointValues()
    {
        LossSurface surface = LossSurfaces.LinearRegression();
        double[] xs = [-3, -1.2, 0.5, 2, 4];
        double[] ys = [-2, 0, 1.7, 5];
        double[,] grid = surface.EvaluateGrid(xs, ys);
        for (int i = 0; i < ys.Length; i++)
        {
            for (int j = 0; j < xs.Length; j++)
            {
                double expected = surface.Evaluate(xs[j], ys[i]);
                Assert.Equal(expected, grid[i, j], 1e-5 * Math.Max(1, expected));
            }
        }
    }

    [Fact]
    public void APathStartsWhereToldAndItsScheduleSteps()
    {
        LossSurface surface = LossSurfaces.IllConditioned(1);
        var constant = TrajectoryRunner.Run(surface, "sgd", new Dictionary<string, object?> { ["lr"] = 0.5 }, 2, "c", (2, -2));
        var halved = TrajectoryRunner.Run(surface, "sgd", new Dictionary<string, object?> { ["lr"] = 0.5 }, 2, "h", (2, -2),
            o => new Descent.Optim.Schedulers.StepLR(o, 1, 0.5));
        Assert.Equal((2.0, -2.0), constant.Points[0]);
        // On (x² + y²)/2 SGD scales the point by 1 − lr: 2 → 1 → 0.5 at lr 0.5, 2 → 1 → 0.75 when lr halves to 0.25.
        Assert.Equal((0.5, -0.5), constant.Points[2]);
        Assert.Equal((0.75, -0.75), halved.Points[2]);
    }
}
