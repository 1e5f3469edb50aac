namespace Descent.Optim;

/// <summary>
/// State of <see cref="Prodigy"/>, with the reference's keys and shapes: <c>s</c> and <c>p0</c> hold every
/// <c>slice_p</c>-th element of the flattened parameter, and <c>p0</c> is a single zero for a parameter that started
/// all zeros.
/// </summary>
public sealed class ProdigyState : ParameterState
{
    /// <summary>The number of steps taken.</summary>
    public int Step { get; set; }

    /// <summary>The running sum of scaled gradients behind the estimate's denominator.</summary>
    public Tensor? S { get; set; }

    /// <summary>The starting point (sliced), or a single zero.</summary>
    public Tensor? P0 { get; set; }

    /// <summary>First moment estimate (absent when β₁ = 0).</summary>
    public Tensor? ExpAvg { get; set; }

    /// <summary>Second moment estimate.</summary>
    public Tensor? ExpAvgSq { get; set; }
}
