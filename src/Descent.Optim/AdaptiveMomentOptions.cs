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

    /// <summary>PyTorch's checks on lr, eps, each beta and weight decay, in its order.</summary>
    protected override string Checks => "0 <= lr, 0 <= eps, 0 <= betas < 1, 0 <= weight_decay";
}
