namespace Descent.Optim;

/// <summary>
/// The hyperparameters and group counters that Schedule-Free SGD and AdamW share, with the reference's keys and
/// defaults (facebookresearch/schedule_free 1.4.1). The counters (<c>k</c>, <c>train_mode</c>, <c>weight_sum</c>,
/// <c>lr_max</c>, <c>scheduled_lr</c>) are group keys there, so they are here: the optimizer writes them each step and
/// a state dict carries them.
/// </summary>
public abstract record ScheduleFreeOptions : OptimizerOptions
{
    /// <summary>Power r of the polynomial weighting (k + 1)ʳ of the average.</summary>
    public double R { get; init; }

    /// <summary>Steps taken by the group.</summary>
    public int K { get; init; }

    /// <summary>Steps of linear learning-rate warmup.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>Whether the parameters hold the training point y (else the evaluation point x).</summary>
    public bool TrainMode { get; init; }

    /// <summary>The sum of the averaging weights so far.</summary>
    public double WeightSum { get; init; }

    /// <summary>The largest scheduled learning rate so far (−1 before the first step).</summary>
    public double LrMax { get; init; } = -1.0;

    /// <summary>The learning rate of the last step, after warmup (for logging, as the reference keeps it).</summary>
    public double ScheduledLr { get; init; }

    /// <summary>The averaging weights are lr_maxᵖ with this power p during warmup; 0 weighs every step alike.</summary>
    public double WeightLrPower { get; init; } = 2.0;

    /// <summary>Weight decay λ, added to the gradient at y.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The interpolation coefficient β between z and the average: SGD's momentum, AdamW's β₁.</summary>
    internal abstract double AverageBeta { get; }

    /// <summary>Checks lr and weight decay with the reference's messages, then the counters.</summary>
    public override void Validate()
    {
        Throw.OutOfRangeIf(!(Lr >= 0), "lr", Lr, $"Invalid learning rate: {Check.Format(Lr)}");
        Throw.OutOfRangeIf(!(WeightDecay >= 0), "weight_decay", WeightDecay, $"Invalid weight_decay value: {Check.Format(WeightDecay)}");
        Throw.OutOfRangeIf(WarmupSteps < 0, "warmup_steps", WarmupSteps, $"Invalid warmup_steps value: {WarmupSteps} (warmup_steps must be >= 0)");
        Throw.OutOfRangeIf(K < 0, "k", K, $"Invalid k value: {K} (k must be >= 0)");
    }

    /// <summary>
    /// The step the group takes next, as the reference computes it in double: the learning rate after warmup, the
    /// averaging coefficient c = weight / weight_sum (0 when the sum is 0), and the counters after the step.
    /// </summary>
    internal (double Lr, double Ckp1, ScheduleFreeOptions After) NextStep()
    {
        double sched = K < WarmupSteps ? (K + 1) / (double)WarmupSteps : 1.0;
        double lr = Lr * sched;
        double lrMax = LrMax > lr ? LrMax : lr; // Python's max(lr, lr_max)
        double weight = Math.Pow(K + 1, R) * Math.Pow(lrMax, WeightLrPower);
        double weightSum = WeightSum + weight;
        double ckp1 = weightSum == 0 ? 0 : weight / weightSum;
        return (lr, ckp1, this with { K = K + 1, ScheduledLr = lr, LrMax = lrMax, WeightSum = weightSum });
    }
}
