namespace Descent;

/// <summary>
/// A leaf tensor that requires grad: the learnable state of a model and what optimizers update.
/// It shares the buffer of the tensor it is made from, as <c>torch.nn.Parameter</c> does.
/// </summary>
public sealed class Parameter : Tensor
{
    /// <summary>Wraps <paramref name="data"/> (detached from any graph) as a parameter.</summary>
    /// <param name="data">The initial values; their buffer is shared.</param>
    /// <param name="requiresGrad">False freezes the parameter: optimizers and backward skip it.</param>
    public Parameter(Tensor data, bool requiresGrad = true)
        : base(data)
    {
        RequiresGrad = requiresGrad;
    }

    /// <inheritdoc/>
    public override string ToString() => "Parameter containing:\n" + base.ToString();
}
