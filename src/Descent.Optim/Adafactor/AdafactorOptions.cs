namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="Adafactor"/>, with PyTorch's names, defaults and checks (<c>torch.optim.Adafactor</c>, 2.5+).</summary>
public sealed record AdafactorOptions : OptimizerOptions
{
    /// <summary>Creates options with PyTorch's defaults (lr = 1e-2, beta2_decay = −0.8, eps = (None, 1e-3), d = 1).</summary>
    public AdafactorOptions() => Lr = 1e-2;

    /// <summary>The exponent τ of the second-moment weight 1 − β̂₂ₜ = t^τ.</summary>
    public double Beta2Decay { get; init; } = -0.8;

    /// <summary>
    /// (ε₁, ε₂): ε₁ bounds the variance estimate from below (None: float32's machine epsilon, as PyTorch takes the
    /// parameter's), ε₂ bounds the parameter scale RMS(θ) from below.
    /// </summary>
    public (double? Eps1, double Eps2) Eps { get; init; } = (null, 1e-3);

    /// <summary>The clipping threshold d on the update's RMS.</summary>
    public double D { get; init; } = 1.0;

    /// <summary>Decoupled weight decay λ: θ ← θ(1 − γλ).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get; init; }

    /// <summary>ε₁ as the update uses it.</summary>
    internal double Eps1 => Eps.Eps1 ?? MachineEpsilon;

    /// <summary>float32's machine epsilon, 2⁻²³ (PyTorch's <c>torch.finfo(torch.float32).eps</c>).</summary>
    internal const double MachineEpsilon = 1.1920928955078125e-07;

    /// <summary>PyTorch's checks and messages, lr first; the base's lr message is not PyTorch's for this optimizer, so it is not called.</summary>
    public override void Validate()
    {
        Throw.OutOfRangeIf(!(Lr >= 0), "lr", Lr, $"Learning rate should be >= 0 but is: {Check.Format(Lr)}");
        Throw.OutOfRangeIf(!(Beta2Decay <= 0), "beta2_decay", Beta2Decay, $"beta2_decay should be <= 0 but is: {Check.Format(Beta2Decay)}");
        Throw.OutOfRangeIf(Eps.Eps1 is { } e1 && !(e1 >= 0), "eps", Eps, $"epsilon1 should be >= 0 but is: {Check.Format(Eps.Eps1 ?? 0)}");
        Throw.OutOfRangeIf(!(Eps.Eps2 >= 0), "eps", Eps, $"epsilon2 should be >= 0 but is: {Check.Format(Eps.Eps2)}");
        Throw.OutOfRangeIf(!(D >= 1), "d", D, $"Clipping threshold d should be >= 1 but is: {Check.Format(D)}");
        Throw.OutOfRangeIf(!(WeightDecay >= 0), "weight_decay", WeightDecay, $"weight_decay should be >= 0 but is: {Check.Format(WeightDecay)}");
    }
}
