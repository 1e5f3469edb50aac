namespace Descent.NN;

/// <summary>The hyperbolic tangent element-wise, as <c>torch.nn.Tanh</c>.</summary>
public sealed class Tanh : Module
{
    /// <summary>Applies the function element-wise.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Tanh();
    }
}
