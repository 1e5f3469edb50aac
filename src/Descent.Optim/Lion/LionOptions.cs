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

    /// <inheritdoc/>
    protected override string Checks => "0 <= lr, 0 <= betas <= 1, 0 <= weight_decay";
}
