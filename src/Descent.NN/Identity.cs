namespace Descent.NN;

/// <summary>Returns its input unchanged, as <c>torch.nn.Identity</c>: a placeholder where a layer is optional.</summary>
public sealed class Identity : Module
{
    /// <summary>Returns <paramref name="input"/> itself.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input;
    }
}
