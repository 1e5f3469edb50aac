namespace Descent.Optim.Schedulers;

/// <summary>How <see cref="ReduceLROnPlateau"/> decides that a metric improved on the best so far (PyTorch's <c>threshold_mode</c>).</summary>
public enum ThresholdMode
{
    /// <summary>Relative: better than best·(1 − threshold) in min mode, best·(1 + threshold) in max mode.</summary>
    Rel,

    /// <summary>Absolute: better than best − threshold in min mode, best + threshold in max mode.</summary>
    Abs,
}
