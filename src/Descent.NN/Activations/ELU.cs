namespace Descent.NN;

/// <summary>x for x &gt; 0, else α(eˣ − 1), element-wise, as <c>torch.nn.ELU</c>.</summary>
public sealed class ELU : Module
{
    /// <summary>Creates the activation.</summary>
    /// <param name="alpha">The value the function approaches for large negative inputs is −α.</param>
    public ELU(double alpha = 1.0) => Alpha = alpha;

    /// <summary>The scale α of the negative part.</summary>
    public double Alpha { get; }

    /// <summary>Applies the function element-wise.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Elu((float)Alpha);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"alpha={PyRepr.Float(Alpha)}";
}
