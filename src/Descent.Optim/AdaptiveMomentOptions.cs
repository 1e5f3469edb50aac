namespace Descent.Optim;

/// <summary>
/// The hyperparameters shared by the Adam variants that keep running moment estimates (<see cref="Adamax"/>,
/// <see cref="NAdam"/>, <see cref="RAdam"/>): betas, ε and weight decay, with PyTorch's defaults and checks.
/// </summary>
public abstract record AdaptiveMomentOptions : OptimizerOptions
{
    /// <summary>Decay rates (β₁, β₂) of the first and second moment estimates.</summary>
    public (double Beta1, double Beta2) Betas { get; init; } = (0.9, 0.999);

    /// <summary>ε added to the denominator for numerical stability.</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>Weight decay λ.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Checks lr, eps, each beta and weight decay, in PyTorch's order and with its messages.</summary>
    public override void Validate()
    {
        base.Validate();
        Check.NonNegative(Eps, "eps", "epsilon value");
        Check.UnitInterval(Betas.Beta1, "betas", "beta parameter at index 0");
        Check.UnitInterval(Betas.Beta2, "betas", "beta parameter at index 1");
        Check.NonNegative(WeightDecay, "weight_decay", "weight_decay value");
    }
}
