namespace Descent.NN;

/// <summary>1 / (1 + e⁻ˣ) element-wise, as <c>torch.nn.Sigmoid</c>.</summary>
public sealed class Sigmoid : Module
{
    /// <summary>Applies the function element-wise.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Sigmoid();
    }
}
