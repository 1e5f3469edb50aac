namespace Descent.Optim;

/// <summary>State of <see cref="ADOPT"/>.</summary>
public sealed class AdoptState : ParameterState
{
    /// <summary>The number of steps taken, the first (which only fills v) included.</summary>
    public int Step { get; set; }

    /// <summary>First moment m of the normalized, clipped gradient.</summary>
    public Tensor? ExpAvg { get; set; }

    /// <summary>Second moment estimate v, one step behind the gradient it normalizes.</summary>
    public Tensor? ExpAvgSq { get; set; }
}
