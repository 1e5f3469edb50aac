namespace Descent.Optim;

/// <summary>State of <see cref="SGD"/>: the momentum buffer b, present once a step with momentum ran.</summary>
public sealed class SgdState : ParameterState
{
    /// <summary>The momentum buffer b (PyTorch's <c>momentum_buffer</c>).</summary>
    public Tensor? MomentumBuffer { get; set; }
}
