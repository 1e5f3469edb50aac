namespace Descent.Optim;

/// <summary>State of <see cref="ASGD"/>.</summary>
public sealed class AsgdState : ParameterState
{
    /// <summary>The number of steps taken, t.</summary>
    public int Step { get; set; }

    /// <summary>The step size η for the next step (a float32 scalar tensor in PyTorch).</summary>
    public float Eta { get; set; }

    /// <summary>The averaging weight μ for the next step (a float32 scalar tensor in PyTorch).</summary>
    public float Mu { get; set; }

    /// <summary>The averaged parameter θ̄ (PyTorch's <c>ax</c>).</summary>
    public Tensor? Ax { get; set; }
}
