namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="RMSprop"/>, with PyTorch's defaults.</summary>
public sealed record RmsPropOptions : OptimizerOptions
{
    /// <summary>Creates options with PyTorch's defaults (lr = 1e-2, alpha = 0.99, eps = 1e-8).</summary>
    public RmsPropOptions() => Lr = 1e-2;

    /// <summary>Momentum factor μ; a buffer b is kept when it is positive.</summary>
    public double Momentum { get; init; }

    /// <summary>Smoothing constant α of the running averages.</summary>
    public double Alpha { get; init; } = 0.99;

    /// <summary>ε added to the denominator for numerical stability.</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>Normalize by an estimate of the gradient's variance, v − ḡ², instead of v (centered RMSprop).</summary>
    public bool Centered { get; init; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        Check.NonNegative(Eps, "eps", "epsilon value");
        Check.NonNegative(Momentum, "momentum", "momentum value");
        Check.NonNegative(WeightDecay, "weight_decay", "weight_decay value");
        // PyTorch checks only alpha ≥ 0; alpha > 1 is accepted, and so it is here.
        Check.NonNegative(Alpha, "alpha", "alpha value");
    }
}
