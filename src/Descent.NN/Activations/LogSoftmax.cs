namespace Descent.NN;

/// <summary>x − log Σ exp(x) along a dimension, computed stably, as <c>torch.nn.LogSoftmax</c>.</summary>
public sealed class LogSoftmax : Module
{
    /// <summary>Creates the function over dimension <paramref name="dim"/>.</summary>
    /// <param name="dim">The dimension to normalize over (negative counts from the end), e.g. 1 for [batch, classes].</param>
    public LogSoftmax(int dim) => Dim = dim;

    /// <summary>The dimension normalized over.</summary>
    public int Dim { get; }

    /// <summary>Applies the function along <see cref="Dim"/>.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.LogSoftmax(Dim);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"dim={Dim}";
}
