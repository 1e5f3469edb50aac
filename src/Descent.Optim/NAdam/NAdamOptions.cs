namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="NAdam"/>, with PyTorch's defaults.</summary>
public sealed record NAdamOptions : AdaptiveMomentOptions
{
    /// <summary>Creates options with PyTorch's defaults (lr = 2e-3, betas = (0.9, 0.999), eps = 1e-8, momentum_decay = 4e-3).</summary>
    public NAdamOptions() => Lr = 2e-3;

    /// <summary>Momentum decay ψ of the schedule μₜ = β₁(1 − ½·0.96^(tψ)).</summary>
    public double MomentumDecay { get; init; } = 4e-3;

    /// <summary>Decay weights directly, θ ← θ(1 − γλ), instead of adding λθ to the gradient (NAdamW).</summary>
    public bool DecoupledWeightDecay { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    protected override string Checks => "0 <= lr, 0 <= eps, 0 <= betas < 1, 0 <= weight_decay, 0 <= momentum_decay";
}
