namespace Descent.Optim.Schedulers;

public static partial class Schedule
{
    /// <summary>
    /// Runs the scheduler that <paramref name="create"/> builds on a one-parameter <see cref="SGD"/> (lr
    /// <paramref name="baseLr"/>, momentum 0.9 for momentum cycling) and records the rates (and cycled momenta) of
    /// steps 0 … <paramref name="steps"/> − 1: after construction, then after each scheduler step.
    /// </summary>
    /// <exception cref="ArgumentException">The scheduler belongs to another optimizer.</exception>
    /// <exception cref="InvalidOperationException">The scheduler cannot take that many steps, or steps on a metric.</exception>
    public static SampledSchedule Sample(Func<Optimizer, LRScheduler> create, int steps, double baseLr = 1.0)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var optimizer = new SGD([new Parameter(Tensor.Zeros(1))], lr: baseLr, momentum: 0.9);
        LRScheduler scheduler = create(optimizer);
        Throw.ArgumentIf(scheduler is null || !ReferenceEquals(scheduler.Optimizer, optimizer), "create must build the scheduler on the optimizer it is given.", nameof(create));
        ParamGroup group = optimizer.ParamGroups[0];
        // The cycling schedulers keep max_momentum in the group, as PyTorch does; the others leave momentum alone.
        double[] lrs = new double[steps];
        double[]? momenta = group.ContainsKey("max_momentum") ? new double[steps] : null;
        for (int t = 0; t < steps; t++)
        {
            if (t > 0)
            {
                scheduler.Step();
            }
            lrs[t] = group.Lr;
            if (momenta is not null)
            {
                momenta[t] = (double)group["momentum"]!;
            }
        }
        return new SampledSchedule(lrs, momenta);
    }

    /// <summary>
    /// A scheduler that sets <see cref="WarmupCosine"/>'s rates from the group's rate η₀, built as PyTorch users build
    /// it: <see cref="SequentialLR"/>(<see cref="LinearLR"/>(f, 1, W), <see cref="CosineAnnealingLR"/>(N − W, η_min),
    /// milestones [W]), with a <see cref="LambdaLR"/> of t / W for f = 0 (LinearLR cannot start at 0) and the
    /// CosineAnnealingLR alone for W = 0. To load a state dict, build it again with the same arguments.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument outside the ranges <see cref="WarmupCosine"/> accepts.</exception>
    public static LRScheduler WarmupCosineScheduler(Optimizer optimizer, int warmupSteps, int totalSteps, double minLr = 0, double warmupStartFactor = 0)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        CheckWarmupCosine(warmupSteps, totalSteps, minLr, warmupStartFactor);
        if (warmupSteps == 0)
        {
            return new CosineAnnealingLR(optimizer, totalSteps, minLr);
        }
        LRScheduler warmup = warmupStartFactor > 0
            ? new LinearLR(optimizer, startFactor: warmupStartFactor, endFactor: 1.0, totalIters: warmupSteps)
            : new LambdaLR(optimizer, t => (double)t / warmupSteps);
        var cosine = new CosineAnnealingLR(optimizer, totalSteps - warmupSteps, minLr);
        return new SequentialLR(optimizer, [warmup, cosine], [warmupSteps]);
    }
}
