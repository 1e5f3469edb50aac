namespace Descent.Optim;

/// <summary>State of <see cref="RAdam"/>.</summary>
public sealed class RAdamState : ParameterState
{
    /// <summary>The number of steps taken, t.</summary>
    public int Step { get; set; }

    /// <summary>First moment estimate m.</summary>
    public Tensor? ExpAvg { get; set; }

    /// <summary>Second moment estimate v.</summary>
    public Tensor? ExpAvgSq { get; set; }
}
