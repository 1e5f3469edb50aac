namespace Descent.Optim;

/// <summary>
/// Hyperparameters and step-size estimate of <see cref="Prodigy"/>, with the keys and defaults of the authors'
/// PyTorch version (konstmish/prodigy, prodigyopt 1.1.2): lr = 1, betas = (0.9, 0.999), beta3 = √β₂ when null,
/// eps = 1e-8, d0 = 1e-6, decoupled weight decay. The estimate (<c>d</c>, <c>d_max</c>, <c>d_numerator</c>) and the
/// step count <c>k</c> are group keys there, so they are here: the optimizer writes them each step and a state dict
/// carries them.
/// </summary>
public sealed record ProdigyOptions : OptimizerOptions
{
    /// <summary>The default initial estimate d₀.</summary>
    internal const double DefaultD0 = 1e-6;

    /// <summary>Creates options with the reference's defaults.</summary>
    public ProdigyOptions() => Lr = 1.0;

    /// <summary>Decay rates (β₁, β₂) of the first and second moment estimates.</summary>
    public (double Beta1, double Beta2) Betas { get; init; } = (0.9, 0.999);

    /// <summary>Decay of the running sums behind the estimate of d; null means √β₂.</summary>
    public double? Beta3 { get; init; }

    /// <summary>ε added to the denominator (scaled by d).</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>Weight decay λ.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The current estimate d of the distance to the solution.</summary>
    public double D { get; init; } = DefaultD0;

    /// <summary>The initial estimate d₀.</summary>
    public double D0 { get; init; } = DefaultD0;

    /// <summary>The largest estimate so far.</summary>
    public double DMax { get; init; } = DefaultD0;

    /// <summary>The running numerator of the estimate.</summary>
    public double DNumerator { get; init; }

    /// <summary>A factor on the estimate, the knob to tune.</summary>
    public double DCoef { get; init; } = 1.0;

    /// <summary>Steps taken by the group.</summary>
    public int K { get; init; }

    /// <summary>The most the estimate may grow per step, as a factor; infinity for no bound.</summary>
    public double GrowthRate { get; init; } = double.PositiveInfinity;

    /// <summary>Apply Adam's bias correction to the step size.</summary>
    public bool UseBiasCorrection { get; init; }

    /// <summary>Decay weights directly (AdamW) instead of adding λθ to the gradient.</summary>
    public bool Decouple { get; init; } = true;

    /// <summary>Leave the learning rate out of the estimate's denominator, against trouble during warmup.</summary>
    public bool SafeguardWarmup { get; init; }

    /// <summary>Sharded parameters, whose sums the reference all-reduces; Descent does not shard, so it must stay false.</summary>
    public bool FsdpInUse { get; init; }

    /// <summary>Estimate d from every p-th element of each parameter only (1: all of them).</summary>
    public int SliceP { get; init; } = 1;

    /// <inheritdoc/>
    protected override string Checks => "0 < d0, 0 < lr, 0 < eps, 0 <= betas < 1";

    /// <summary>The reference's checks and messages (d0, lr and eps positive, betas in [0, 1)), then Descent's own.</summary>
    public override void Validate()
    {
        base.Validate();
        Throw.OutOfRangeIf(SliceP < 1, "slice_p", SliceP, $"Invalid slice_p value: {SliceP} (slice_p must be >= 1)");
        Throw.OutOfRangeIf(FsdpInUse, "fsdp_in_use", FsdpInUse, "fsdp_in_use is not supported: Descent does not shard parameters");
    }
}
