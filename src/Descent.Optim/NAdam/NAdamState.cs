namespace Descent.Optim;

/// <summary>State of <see cref="NAdam"/>.</summary>
public sealed class NAdamState : ParameterState
{
    /// <summary>The number of steps taken, t.</summary>
    public int Step { get; set; }

    /// <summary>
    /// The product μ₁μ₂⋯μₜ of the momentum schedule so far, 1 before the first step. A float32 number, as
    /// PyTorch keeps it in a float32 scalar tensor.
    /// </summary>
    public float MuProduct { get; set; } = 1f;

    /// <summary>First moment estimate m.</summary>
    public Tensor? ExpAvg { get; set; }

    /// <summary>Second moment estimate v.</summary>
    public Tensor? ExpAvgSq { get; set; }
}
