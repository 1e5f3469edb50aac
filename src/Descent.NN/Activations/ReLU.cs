namespace Descent.NN;

/// <summary>max(x, 0) element-wise, as <c>torch.nn.ReLU</c>; the gradient at 0 is 0.</summary>
public sealed class ReLU : Module
{
    /// <summary>Applies the function element-wise.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Relu();
    }
}
