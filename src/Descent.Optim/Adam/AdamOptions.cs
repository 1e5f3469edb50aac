namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="Adam"/> and <see cref="AdamW"/>, with PyTorch's defaults.</summary>
public sealed record AdamOptions : AdaptiveMomentOptions
{
    /// <summary>Creates options with PyTorch's defaults (lr = 1e-3, betas = (0.9, 0.999), eps = 1e-8).</summary>
    public AdamOptions() => Lr = 1e-3;

    /// <summary>Use the maximum of past second moments (AMSGrad).</summary>
    public bool Amsgrad { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get; init; }

    /// <summary>Decay weights directly, θ ← θ(1 − γλ), instead of adding λθ to the gradient (AdamW).</summary>
    public bool DecoupledWeightDecay { get; init; }
}
