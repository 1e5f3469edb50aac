namespace Descent.Optim;

/// <summary>State of <see cref="Lion"/>: the momentum alone.</summary>
public sealed class LionState : ParameterState
{
    /// <summary>The momentum m (the reference's <c>exp_avg</c>).</summary>
    public Tensor? ExpAvg { get; set; }
}
