namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="Lamb"/>, with optax's names and defaults (<c>optax.lamb</c>).</summary>
public sealed record LambOptions : OptimizerOptions
{
    /// <summary>Creates options with optax's defaults; optax has no default learning rate, so lr = 1e-3 is Adam's.</summary>
    public LambOptions() => Lr = 1e-3;

    /// <summary>Decay rate β₁ of the first moment.</summary>
    public double B1 { get; init; } = 0.9;

    /// <summary>Decay rate β₂ of the second moment.</summary>
    public double B2 { get; init; } = 0.999;

    /// <summary>ε added to the denominator outside the square root.</summary>
    public double Eps { get; init; } = 1e-6;

    /// <summary>ε added inside the square root.</summary>
    public double EpsRoot { get; init; }

    /// <summary>Weight decay λ, added to the Adam direction before the trust ratio.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Whether weight decay applies to this group's parameters (optax's <c>mask</c>, here one flag per group).</summary>
    public bool Mask { get; init; } = true;

    /// <inheritdoc/>
    protected override string Checks => "0 <= lr, 0 <= b1 < 1, 0 <= b2 < 1, 0 <= eps, 0 <= eps_root, 0 <= weight_decay";
}
