namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="Adam"/> and <see cref="AdamW"/>, with PyTorch's defaults.</summary>
public sealed record AdamOptions : OptimizerOptions
{
    /// <summary>Creates options with PyTorch's defaults (lr = 1e-3, betas = (0.9, 0.999), eps = 1e-8).</summary>
    public AdamOptions() => Lr = 1e-3;

    /// <summary>Decay rates (β₁, β₂) of the first and second moment estimates.</summary>
    public (double Beta1, double Beta2) Betas { get; init; } = (0.9, 0.999);

    /// <summary>ε added to the denominator for numerical stability.</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>Weight decay λ: an L2 penalty added to the gradient, or decoupled (AdamW) when <see cref="DecoupledWeightDecay"/>.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Use the maximum of past second moments (AMSGrad).</summary>
    public bool Amsgrad { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get; init; }

    /// <summary>Decay weights directly, θ ← θ(1 − γλ), instead of adding λθ to the gradient (AdamW).</summary>
    public bool DecoupledWeightDecay { get; init; }

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        Check.NonNegative(Eps, "eps", "epsilon value");
        Check.UnitInterval(Betas.Beta1, "betas", "beta parameter at index 0");
        Check.UnitInterval(Betas.Beta2, "betas", "beta parameter at index 1");
        Check.NonNegative(WeightDecay, "weight_decay", "weight_decay value");
    }
}
