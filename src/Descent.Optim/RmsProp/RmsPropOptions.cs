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

    /// <summary>PyTorch's checks, in its order: it checks only alpha ≥ 0, so alpha &gt; 1 is accepted here too.</summary>
    protected override string Checks => "0 <= lr, 0 <= eps, 0 <= momentum, 0 <= weight_decay, 0 <= alpha";
}
