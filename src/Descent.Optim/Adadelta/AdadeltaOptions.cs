namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="Adadelta"/>, with PyTorch's defaults.</summary>
public sealed record AdadeltaOptions : OptimizerOptions
{
    /// <summary>Creates options with PyTorch's defaults (lr = 1.0, rho = 0.9, eps = 1e-6).</summary>
    public AdadeltaOptions() => Lr = 1.0;

    /// <summary>Decay ρ of the running averages of squared gradients and squared updates.</summary>
    public double Rho { get; init; } = 0.9;

    /// <summary>ε added inside both square roots for numerical stability.</summary>
    public double Eps { get; init; } = 1e-6;

    /// <summary>L2 penalty added to the gradient.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    protected override string Checks => "0 <= lr, 0 <= rho <= 1, 0 <= eps, 0 <= weight_decay";
}
