namespace Descent.Optim;

/// <summary>The state Schedule-Free SGD and AdamW share: the base sequence z.</summary>
public abstract class ScheduleFreeState : ParameterState
{
    /// <summary>The base sequence z, whose steps the gradient takes; x averages it, y interpolates between the two.</summary>
    public Tensor? Z { get; set; }
}
