namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="Lars"/>, with optax's names and defaults (<c>optax.lars</c>).</summary>
public sealed record LarsOptions : OptimizerOptions
{
    /// <summary>Creates options with optax's defaults; optax has no default learning rate, so lr = 0.1 is a large-batch SGD's.</summary>
    public LarsOptions() => Lr = 0.1;

    /// <summary>Weight decay λ, added to the gradient before the trust ratio.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Whether weight decay applies to this group's parameters (optax's <c>weight_decay_mask</c>, one flag per group).</summary>
    public bool WeightDecayMask { get; init; } = true;

    /// <summary>The trust coefficient η of the ratio η‖θ‖ / (‖u‖ + ε).</summary>
    public double TrustCoefficient { get; init; } = 0.001;

    /// <summary>ε added to the update's norm in the trust ratio.</summary>
    public double Eps { get; init; }

    /// <summary>Whether the trust ratio applies to this group's parameters (optax's <c>trust_ratio_mask</c>, one flag per group).</summary>
    public bool TrustRatioMask { get; init; } = true;

    /// <summary>Momentum μ of the trace of past steps.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Nesterov momentum.</summary>
    public bool Nesterov { get; init; }

    /// <inheritdoc/>
    protected override string Checks => "0 <= lr, 0 <= weight_decay, 0 <= trust_coefficient, 0 <= eps, 0 <= momentum";
}
