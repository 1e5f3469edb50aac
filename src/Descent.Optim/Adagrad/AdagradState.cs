namespace Descent.Optim;

/// <summary>State of <see cref="Adagrad"/>, created for every parameter when the optimizer is built.</summary>
public sealed class AdagradState : ParameterState
{
    /// <summary>The number of steps taken, t.</summary>
    public int Step { get; set; }

    /// <summary>The running sum of squared gradients, s.</summary>
    public Tensor? Sum { get; set; }
}
