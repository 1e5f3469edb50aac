namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="ASGD"/>, with PyTorch's defaults.</summary>
public sealed record AsgdOptions : OptimizerOptions
{
    /// <summary>Creates options with PyTorch's defaults (lr = 1e-2, lambd = 1e-4, alpha = 0.75, t0 = 1e6).</summary>
    public AsgdOptions() => Lr = 1e-2;

    /// <summary>Decay term λ: it shrinks θ by 1 − λη every step and slows the decay of η.</summary>
    public double Lambd { get; init; } = 1e-4;

    /// <summary>Power α of the step-size schedule η = γ / (1 + λγt)^α.</summary>
    public double Alpha { get; init; } = 0.75;

    /// <summary>The step t₀ after which averaging starts (μ = 1 / max(1, t − t₀)).</summary>
    public double T0 { get; init; } = 1e6;

    /// <summary>L2 penalty added to the gradient.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    protected override string Checks => "0 <= lr, 0 <= weight_decay";
}
