namespace Descent.NN;

/// <summary>How a loss combines its per-element values, as PyTorch's <c>reduction</c> argument.</summary>
public enum Reduction
{
    /// <summary>The mean over elements (<c>'mean'</c>); for class-weighted losses, the weighted mean.</summary>
    Mean,

    /// <summary>The sum over elements (<c>'sum'</c>).</summary>
    Sum,

    /// <summary>No reduction (<c>'none'</c>): one loss value per element or sample.</summary>
    None,
}
