namespace Descent.Optim;

/// <summary>
/// Hyperparameters of <see cref="MuonAdamW"/>: Muon's, plus which kind of group this is (<c>use_muon</c>, as in
/// Keller Jordan's <c>MuonWithAuxAdam</c>) and AdamW's betas and ε for the groups that are not Muon's. Learning rate and
/// weight decay (decoupled) serve both kinds.
/// </summary>
public sealed record MuonAdamWOptions : MuonOptions
{
    /// <summary>Whether this group's parameters (2-D hidden weights) take Muon's update; otherwise AdamW's.</summary>
    public bool UseMuon { get; init; } = true;

    /// <summary>AdamW's (β₁, β₂), PyTorch's defaults.</summary>
    public (double Beta1, double Beta2) Betas { get; init; } = (0.9, 0.999);

    /// <summary>AdamW's ε, PyTorch's default (Muon's own <see cref="MuonOptions.Eps"/> is the Newton–Schulz floor).</summary>
    public double AdamEps { get; init; } = 1e-8;

    /// <summary>Muon's checks, then AdamW's on betas and ε.</summary>
    public override void Validate()
    {
        base.Validate();
        Check.All(this, "0 <= betas < 1, 0 <= adam_eps");
    }

    /// <summary>The AdamW options of a group that is not Muon's.</summary>
    internal AdamOptions ToAdamW() => new()
    {
        Lr = Lr, Betas = Betas, Eps = AdamEps, WeightDecay = WeightDecay, DecoupledWeightDecay = true,
    };
}
