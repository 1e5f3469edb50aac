namespace Descent.Optim;

/// <summary>State of <see cref="Lars"/>, keyed as optax's <c>TraceState</c>.</summary>
public sealed class LarsState : ParameterState
{
    /// <summary>The trace of past steps (the momentum buffer; steps already carry the learning rate).</summary>
    public Tensor? Trace { get; set; }
}
