using System.Reflection;
using Descent.Optim.Schedulers;

namespace Descent.Training;

/// <summary>
/// Finds the metric step of a scheduler that steps on a measured value rather than on a count (ReduceLROnPlateau's
/// <c>Step(double metric)</c>).
/// </summary>
/// <remarks>
/// Found by the public method <c>Step(double)</c> rather than by type, so that this project builds whether or not
/// <c>Descent.Optim.Schedulers.ReduceLROnPlateau</c> is present; now that it has landed, this can become
/// <c>scheduler is ReduceLROnPlateau plateau ? plateau.Step : null</c>.
/// </remarks>
internal static class MetricStep
{
    public static Action<double>? Find(LRScheduler scheduler)
    {
        MethodInfo? step = scheduler.GetType().GetMethod("Step", BindingFlags.Public | BindingFlags.Instance, [typeof(double)]);
        return step is not null && step.ReturnType == typeof(void) ? step.CreateDelegate<Action<double>>(scheduler) : null;
    }
}
