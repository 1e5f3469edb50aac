namespace Descent.Optim;

/// <summary>State of <see cref="Muon"/>: the momentum buffer, as PyTorch keys it.</summary>
public sealed class MuonState : ParameterState
{
    /// <summary>The momentum buffer B.</summary>
    public Tensor? MomentumBuffer { get; set; }
}
