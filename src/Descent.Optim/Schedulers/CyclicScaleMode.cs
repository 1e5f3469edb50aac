namespace Descent.Optim.Schedulers;

/// <summary>What <see cref="CyclicLR"/>'s scale function is evaluated on (PyTorch's <c>scale_mode</c>).</summary>
public enum CyclicScaleMode
{
    /// <summary>The cycle number, counted from 1.</summary>
    Cycle,

    /// <summary>The iteration (the scheduler's <see cref="LRScheduler.LastEpoch"/>).</summary>
    Iterations,
}
