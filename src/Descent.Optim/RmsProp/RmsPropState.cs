namespace Descent.Optim;

/// <summary>State of <see cref="RMSprop"/>.</summary>
public sealed class RmsPropState : ParameterState
{
    /// <summary>The number of steps taken.</summary>
    public int Step { get; set; }

    /// <summary>Running average of squared gradients, v.</summary>
    public Tensor? SquareAvg { get; set; }

    /// <summary>The momentum buffer b (only with momentum &gt; 0).</summary>
    public Tensor? MomentumBuffer { get; set; }

    /// <summary>Running average of gradients, ḡ (centered only).</summary>
    public Tensor? GradAvg { get; set; }
}
