namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="ADOPT"/>, with the authors' defaults (lr = 1e-3, betas = (0.9, 0.9999), eps = 1e-6).</summary>
public sealed record AdoptOptions : AdaptiveMomentOptions
{
    /// <summary>Creates options with the authors' defaults.</summary>
    public AdoptOptions()
    {
        Lr = 1e-3;
        Betas = (0.9, 0.9999);
        Eps = 1e-6;
    }

    /// <summary>Decay weights directly, θ ← θ − γλθ, instead of adding λθ to the gradient.</summary>
    public bool Decouple { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get; init; }
}
