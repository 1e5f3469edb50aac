namespace Descent.Optim;

/// <summary>State of <see cref="NAdam"/>.</summary>
public sealed class NAdamState : ParameterState
{
    /// <summary>The number of steps taken, t.</summary>
    public int Step { get; set; }

    /// <summary>The product μ₁μ₂⋯μₜ so far, 1 before the first step; float32, as PyTorch's scalar tensor.</summary>
    public float MuProduct { get; set; } = 1f;

    /// <summary>First moment estimate m.</summary>
    public Tensor? ExpAvg { get; set; }

    /// <summary>Second moment estimate v.</summary>
    public Tensor? ExpAvgSq { get; set; }
}
