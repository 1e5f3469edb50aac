namespace Descent.Optim;

/// <summary>State of <see cref="Adam"/> and <see cref="AdamW"/>.</summary>
public sealed class AdamState : ParameterState
{
    /// <summary>The number of steps taken, t.</summary>
    public int Step { get; set; }

    /// <summary>First moment estimate m.</summary>
    public Tensor? ExpAvg { get; set; }

    /// <summary>Second moment estimate v.</summary>
    public Tensor? ExpAvgSq { get; set; }

    /// <summary>Running maximum of v (AMSGrad only).</summary>
    public Tensor? MaxExpAvgSq { get; set; }
}
