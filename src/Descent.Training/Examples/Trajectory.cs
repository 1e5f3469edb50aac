using Descent.Optim;
using Descent.Optim.Schedulers;

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
    /// Starts at <paramref name="start"/> (the surface's start point when null) and takes <paramref name="steps"/>
    /// optimizer steps; the optimizer is built from its PyTorch name and hyperparameters (see
    /// <see cref="OptimizerRegistry"/>). LBFGS steps with a closure. A <paramref name="scheduler"/>, when given, is
    /// built on the optimizer and stepped after every optimizer step (ReduceLROnPlateau on the step's loss).
    /// </summary>
    /// <remarks>
    /// The point is one 1 × 2 parameter <c>[[x, y]]</c>: element-wise optimizers move each coordinate as they would
    /// move two scalars, while those that look at a whole parameter (a trust ratio, a factored second moment, an
    /// orthogonalized matrix update that refuses vectors) see the point as one weight matrix, as they would see a
    /// layer's, so every registered optimizer can draw a path.
    /// </remarks>
    public static Trajectory Run(LossSurface surface, string optimizer, IReadOnlyDictionary<string, object?> options, int steps, string label,
        (double X, double Y)? start = null, Func<Optimizer, LRScheduler>? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        (double startX, double startY) = start ?? surface.Start;
        var point = new Parameter(Tensor.FromArray([(float)startX, (float)startY], 1, 2));
        Optimizer opt = OptimizerRegistry.Create(optimizer, [point], options);
        LRScheduler? schedule = scheduler?.Invoke(opt);
        var points = new List<(double, double)> { Coordinates(point) };
        var losses = new List<double> { surface.Evaluate(points[0].Item1, points[0].Item2) };
        for (int i = 0; i < steps; i++)
        {
            Tensor last = opt.Step(() =>
            {
                opt.ZeroGrad();
                Tensor loss = surface.Loss(point.Narrow(1, 0, 1).Reshape(1), point.Narrow(1, 1, 1).Reshape(1));
                loss.Backward();
                return loss;
            });
            if (schedule is ReduceLROnPlateau plateau)
            {
                plateau.Step(last.Item());
            }
            else
            {
                schedule?.Step();
            }
            (double px, double py) = Coordinates(point);
            if (!double.IsFinite(px) || !double.IsFinite(py))
            {
                break; // diverged: the path ends where it left the finite numbers
            }
            points.Add((px, py));
            losses.Add(surface.Evaluate(px, py));
        }
        return new Trajectory(label, points, losses);
    }

    private static (double X, double Y) Coordinates(Parameter point) => (point.AsReadOnlySpan()[0], point.AsReadOnlySpan()[1]);
}
