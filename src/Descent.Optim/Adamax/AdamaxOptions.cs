namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="Adamax"/>, with PyTorch's defaults.</summary>
public sealed record AdamaxOptions : AdaptiveMomentOptions
{
    /// <summary>Creates options with PyTorch's defaults (lr = 2e-3, betas = (0.9, 0.999), eps = 1e-8).</summary>
    public AdamaxOptions() => Lr = 2e-3;

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get; init; }
}
