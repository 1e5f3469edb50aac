namespace Descent.Optim;

/// <summary>State of <see cref="Lamb"/>, keyed as optax's <c>ScaleByAdamState</c>.</summary>
public sealed class LambState : ParameterState
{
    /// <summary>The number of steps taken, t.</summary>
    public int Count { get; set; }

    /// <summary>First moment m.</summary>
    public Tensor? Mu { get; set; }

    /// <summary>Second moment v.</summary>
    public Tensor? Nu { get; set; }
}
