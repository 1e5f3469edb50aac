namespace Descent.Optim;

/// <summary>State of <see cref="AdamWScheduleFree"/>: z, the second moment and, with inner momentum, the first.</summary>
public sealed class AdamWScheduleFreeState : ScheduleFreeState
{
    /// <summary>Second moment estimate v.</summary>
    public Tensor? ExpAvgSq { get; set; }

    /// <summary>First moment estimate m (only with inner momentum).</summary>
    public Tensor? ExpAvg { get; set; }
}
