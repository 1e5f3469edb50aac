using Descent.Optim;
using Descent.Training.Examples;

namespace Descent.Training.Tests;

/// <summary>Every registered optimizer, by name, on a loss surface: a new one joins these checks by registering.</summary>
public sealed class EveryOptimizerTests
{
    public static TheoryData<string> Names() => [.. OptimizerRegistry.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void EachOptimizerDrawsADescendingPathOnTheQuadratic(string name)
    {
        LossSurface s = LossSurfaces.IllConditioned();
        Trajectory t = TrajectoryRunner.Run(s, name, DefaultsThatDescend(name), 20, name);

        Assert.Equal(21, t.Points.Count);
        Assert.True(t.Losses[^1] < t.Losses[0], $"{name}: loss {t.Losses[0]:G6} at the start, {t.Losses[^1]:G6} after 20 steps");
        Assert.NotEqual(t.Points[0], t.Points[^1]);
    }

    /// <summary>
    /// Each optimizer's defaults, except Schedule-Free SGD's learning rate: its reference default of 1.0 is meant for
    /// networks, and on this surface's steepest direction it overshoots as plain SGD at a learning rate of 1 does.
    /// </summary>
    private static Dictionary<string, object?> DefaultsThatDescend(string name) =>
        string.Equals(name, "schedulefree_sgd", StringComparison.OrdinalIgnoreCase) ? new() { ["lr"] = 0.01 } : new();

    [Fact]
    public void APointIsOneParameterSoElementWiseUpdatesMatchTwoScalars()
    {
        // Adam on the point [[x, y]] moves each coordinate as Adam on two one-element parameters does.
        LossSurface s = LossSurfaces.Rosenbrock();
        Trajectory t = TrajectoryRunner.Run(s, "adam", new Dictionary<string, object?> { ["lr"] = 0.05 }, 15, "adam");
        var x = new Parameter(Tensor.FromArray([(float)s.Start.X]));
        var y = new Parameter(Tensor.FromArray([(float)s.Start.Y]));
        var adam = new Adam([x, y], lr: 0.05);
        for (int i = 1; i <= 15; i++)
        {
            adam.ZeroGrad();
            s.Loss(x, y).Backward();
            adam.Step();
            Assert.Equal(((double)x.Item(), (double)y.Item()), t.Points[i]);
        }
    }
}
