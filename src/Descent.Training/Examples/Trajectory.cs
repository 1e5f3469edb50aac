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
    public static Trajectory Run(LossSurface surface, string optimizer, IReadOnlyDictionary<string, object?> options, int steps, string label,
        (double X, double Y)? start = null, Func<Optimizer, LRScheduler>? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        (double startX, double startY) = start ?? surface.Start;
        var x = new Parameter(Tensor.FromArray([(float)startX]));
        var y = new Parameter(Tensor.FromArray([(float)startY]));
        Optimizer opt = OptimizerRegistry.Create(optimizer, [x, y], options);
        LRScheduler? schedule = scheduler?.Invoke(opt);
        var points = new List<(double, double)> { (x.Item(), y.Item()) };
        var losses = new List<double> { surface.Evaluate(x.Item(), y.Item()) };
        for (int i = 0; i < steps; i++)
        {
            Tensor last = opt.Step(() =>
            {
                opt.ZeroGrad();
                Tensor loss = surface.Loss(x, y);
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
