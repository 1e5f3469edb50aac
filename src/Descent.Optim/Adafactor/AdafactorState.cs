namespace Descent.Optim;

/// <summary>
/// State of <see cref="Adafactor"/>, as PyTorch keys it: a parameter of two or more dimensions keeps the factored
/// second moment (<c>row_var</c>, shaped like θ with the last dimension 1, and <c>col_var</c>, with the one before
/// it 1); a vector keeps the full <c>variance</c>.
/// </summary>
public sealed class AdafactorState : ParameterState
{
    /// <summary>The number of steps taken, t.</summary>
    public int Step { get; set; }

    /// <summary>Running mean of g² over the last dimension (factored parameters only).</summary>
    public Tensor? RowVar { get; set; }

    /// <summary>Running mean of g² over the second-to-last dimension (factored parameters only).</summary>
    public Tensor? ColVar { get; set; }

    /// <summary>Running mean of g² (vectors only).</summary>
    public Tensor? Variance { get; set; }
}
