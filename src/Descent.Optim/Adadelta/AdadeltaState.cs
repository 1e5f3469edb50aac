namespace Descent.Optim;

/// <summary>State of <see cref="Adadelta"/>.</summary>
public sealed class AdadeltaState : ParameterState
{
    /// <summary>The number of steps taken.</summary>
    public int Step { get; set; }

    /// <summary>Running average of squared gradients, v.</summary>
    public Tensor? SquareAvg { get; set; }

    /// <summary>Running average of squared updates, u.</summary>
    public Tensor? AccDelta { get; set; }
}
