namespace Descent.NN;

/// <summary>The exact Gaussian error linear unit x·Φ(x) element-wise, as <c>torch.nn.GELU()</c>.</summary>
public sealed class GELU : Module
{
    /// <summary>Applies the function element-wise.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Gelu();
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => "approximate='none'";
}
