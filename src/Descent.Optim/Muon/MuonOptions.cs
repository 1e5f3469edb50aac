namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="Muon"/>, with PyTorch's names, defaults and checks (<c>torch.optim.Muon</c>, 2.9).</summary>
public record MuonOptions : OptimizerOptions
{
    /// <summary>The learning-rate adjustments PyTorch knows, besides None (which means "original").</summary>
    internal static readonly string[] AdjustLrFunctions = ["original", "match_rms_adamw"];

    /// <summary>Creates options with PyTorch's defaults (lr = 1e-3, weight_decay = 0.1, momentum = 0.95, nesterov).</summary>
    public MuonOptions() => Lr = 1e-3;

    /// <summary>Decoupled weight decay λ: θ ← θ(1 − γλ).</summary>
    public double WeightDecay { get; init; } = 0.1;

    /// <summary>Momentum μ of the buffer B ← lerp(B, g, 1 − μ).</summary>
    public double Momentum { get; init; } = 0.95;

    /// <summary>Orthogonalize lerp(g, B, μ) instead of B.</summary>
    public bool Nesterov { get; init; } = true;

    /// <summary>The coefficients (a, b, c) of the quintic Newton–Schulz iteration X ← aX + (bA + cA²)X, A = XXᵀ.</summary>
    public double[] NsCoefficients { get; init; } = [3.4445, -4.7750, 2.0315];

    /// <summary>The floor of the norm that scales the direction before the iteration.</summary>
    public double Eps { get; init; } = 1e-7;

    /// <summary>The number of Newton–Schulz iterations.</summary>
    public int NsSteps { get; init; } = 5;

    /// <summary>
    /// How the learning rate scales with the matrix's shape A×B: None or <c>"original"</c>, √max(1, A/B) (Keller
    /// Jordan's); <c>"match_rms_adamw"</c>, 0.2·√max(A, B) (Moonshot's, to reuse AdamW's learning rate).
    /// </summary>
    public string? AdjustLrFn { get; init; }

    /// <summary>PyTorch's switch to <c>addmm</c> in the iteration; the same products either way here, so it changes nothing.</summary>
    public bool UseAddmm { get; init; }

    /// <summary>PyTorch's checks and messages, lr first (the base's lr message is not PyTorch's for Muon, so it is not called).</summary>
    public override void Validate()
    {
        Throw.OutOfRangeIf(!(Lr >= 0), "lr", Lr, $"Learning rate should be >= 0 but is: {Check.Format(Lr)}");
        Throw.OutOfRangeIf(!(Momentum >= 0), "momentum", Momentum, $"momentum should be >= 0 but is: {Check.Format(Momentum)}");
        Throw.OutOfRangeIf(!(WeightDecay >= 0), "weight_decay", WeightDecay, $"weight decay should be >= 0 but is: {Check.Format(WeightDecay)}");
        Throw.OutOfRangeIf(AdjustLrFn is not null && !AdjustLrFunctions.Contains(AdjustLrFn), "adjust_lr_fn", AdjustLrFn,
            $"Adjust learning rate function {AdjustLrFn} is not supported");
        // PyTorch checks these two when it steps; here they are refused at construction, with its messages.
        Throw.OutOfRangeIf(NsCoefficients is not { Length: 3 }, "ns_coefficients", NsCoefficients, "Coefficients must be a tuple of exactly 3 values");
        Throw.OutOfRangeIf(NsSteps >= 100 || NsSteps < 0, "ns_steps", NsSteps,
            NsSteps < 0 ? $"Number of steps must not be negative, got {NsSteps}" : "Number of steps must be less than 100 for computational efficiency");
    }
}
