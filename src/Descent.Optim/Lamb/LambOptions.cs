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

    /// <summary>Checks lr, the betas, both epsilons and weight decay (optax checks none; these are PyTorch's conditions).</summary>
    public override void Validate()
    {
        base.Validate();
        Check.UnitInterval(B1, "b1", "beta parameter b1");
        Check.UnitInterval(B2, "b2", "beta parameter b2");
        Check.NonNegative(Eps, "eps", "epsilon value");
        Check.NonNegative(EpsRoot, "eps_root", "eps_root value");
        Check.NonNegative(WeightDecay, "weight_decay", "weight_decay value");
    }
}
