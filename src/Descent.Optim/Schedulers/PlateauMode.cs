namespace Descent.Optim.Schedulers;

/// <summary>Whether <see cref="ReduceLROnPlateau"/>'s metric should fall or rise (PyTorch's <c>mode</c>).</summary>
public enum PlateauMode
{
    /// <summary>Lower is better (a loss).</summary>
    Min,

    /// <summary>Higher is better (an accuracy).</summary>
    Max,
}
