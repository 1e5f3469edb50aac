namespace Descent.Optim;

/// <summary>State of <see cref="AdEMAMix"/>, with the reference's keys.</summary>
public sealed class AdEMAMixState : ParameterState
{
    /// <summary>The number of steps taken, t.</summary>
    public int Step { get; set; }

    /// <summary>The fast average m₁ (absent when β₁ = 0: the gradient stands in for it).</summary>
    public Tensor? ExpAvgFast { get; set; }

    /// <summary>The slow average m₂.</summary>
    public Tensor? ExpAvgSlow { get; set; }

    /// <summary>Second moment estimate v.</summary>
    public Tensor? ExpAvgSq { get; set; }
}
