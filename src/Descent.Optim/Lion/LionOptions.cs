namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="Lion"/>, with the defaults of the paper's PyTorch port (lucidrains/lion-pytorch).</summary>
public sealed record LionOptions : OptimizerOptions
{
    /// <summary>Creates options with the reference's defaults (lr = 1e-4, betas = (0.9, 0.99), weight_decay = 0).</summary>
    public LionOptions() => Lr = 1e-4;

    /// <summary>β₁ interpolates the direction whose sign is taken; β₂ is the decay of the momentum m.</summary>
    public (double Beta1, double Beta2) Betas { get; init; } = (0.9, 0.99);

    /// <summary>Decoupled weight decay λ: θ ← θ(1 − γλ).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Checks lr, each beta (in [0, 1], as the reference asserts) and weight decay.</summary>
    public override void Validate()
    {
        base.Validate();
        Check.ClosedUnitInterval(Betas.Beta1, "betas", "beta parameter at index 0");
        Check.ClosedUnitInterval(Betas.Beta2, "betas", "beta parameter at index 1");
        Check.NonNegative(WeightDecay, "weight_decay", "weight_decay value");
    }
}
