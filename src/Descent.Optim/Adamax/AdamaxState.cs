namespace Descent.Optim;

/// <summary>State of <see cref="Adamax"/>.</summary>
public sealed class AdamaxState : ParameterState
{
    /// <summary>The number of steps taken, t.</summary>
    public int Step { get; set; }

    /// <summary>First moment estimate m.</summary>
    public Tensor? ExpAvg { get; set; }

    /// <summary>Exponentially weighted infinity norm u.</summary>
    public Tensor? ExpInf { get; set; }
}
