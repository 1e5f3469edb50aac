using Descent.Optim;

namespace Descent.Training.Examples;

/// <summary>The points an optimizer visited on a <see cref="LossSurface"/>, with the loss at each.</summary>
/// <param name="Label">What distinguishes this path (e.g. <c>lr = 0.1</c>).</param>
/// <param name="Points">The parameters (x, y) from the start, one per step.</param>
/// <param name="Losses">The loss at each point.</param>
public sealed record Trajectory(string Label, IReadOnlyList<(double X, double Y)> Points, IReadOnlyList<double> Losses);

/// <summary>Runs an optimizer on a loss surface and records its path.</summary>
public static class TrajectoryRunner
{
    /// <summary>
    /// Starts at the surface's start point and takes <paramref name="steps"/> optimizer steps; the optimizer is built
    /// from its PyTorch name and hyperparameters (see <see cref="OptimizerRegistry"/>). LBFGS steps with a closure.
    /// </summary>
    public static Trajectory Run(LossSurface surface, string optimizer, IReadOnlyDictionary<string, object?> options, int steps, string label)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        // Muon takes matrices only: each coordinate is then a 1×1 matrix (which Muon moves by the sign of its momentum).
        int[] shape = string.Equals(optimizer, "muon", StringComparison.OrdinalIgnoreCase) ? [1, 1] : [1];
        var x = new Parameter(Tensor.FromArray([(float)surface.Start.X], shape));
        var y = new Parameter(Tensor.FromArray([(float)surface.Start.Y], shape));
        Optimizer opt = OptimizerRegistry.Create(optimizer, [x, y], options);
        var points = new List<(double, double)> { (x.Item(), y.Item()) };
        var losses = new List<double> { surface.Evaluate(x.Item(), y.Item()) };
        for (int i = 0; i < steps; i++)
        {
            opt.Step(() =>
            {
                opt.ZeroGrad();
                Tensor loss = surface.Loss(x, y);
                loss.Backward();
                return loss;
            });
            double px = x.Item();
            double py = y.Item();
            if (!double.IsFinite(px) || !double.IsFinite(py))
            {
                break; // diverged: the path ends where it left the finite numbers
            }
            points.Add((px, py));
            losses.Add(surface.Evaluate(px, py));
        }
        return new Trajectory(label, points, losses);
    }
}
