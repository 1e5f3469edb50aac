namespace Descent.Optim;

/// <summary>State of <see cref="MuonAdamW"/>: Muon's momentum buffer for Muon's parameters, AdamW's moments for the rest.</summary>
public sealed class MuonAdamWState : ParameterState
{
    /// <summary>Muon's momentum buffer (Muon's parameters only).</summary>
    public Tensor? MomentumBuffer { get; set; }

    /// <summary>AdamW's step count t (AdamW's parameters only).</summary>
    public int? Step { get; set; }

    /// <summary>AdamW's first moment (AdamW's parameters only).</summary>
    public Tensor? ExpAvg { get; set; }

    /// <summary>AdamW's second moment (AdamW's parameters only).</summary>
    public Tensor? ExpAvgSq { get; set; }
}
