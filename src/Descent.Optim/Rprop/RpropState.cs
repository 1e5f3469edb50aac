namespace Descent.Optim;

/// <summary>State of <see cref="Rprop"/>.</summary>
public sealed class RpropState : ParameterState
{
    /// <summary>The number of steps taken.</summary>
    public int Step { get; set; }

    /// <summary>The gradient of the previous step, zero where that step saw a sign change.</summary>
    public Tensor? Prev { get; set; }

    /// <summary>The per-element step sizes Γ, starting at the learning rate.</summary>
    public Tensor? StepSize { get; set; }
}
