namespace Descent.NN;

/// <summary>The mean absolute error |x − y|, as <c>torch.nn.L1Loss</c>; see <see cref="Functional.L1Loss"/>.</summary>
public sealed class L1Loss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How the per-element losses are combined.</param>
    public L1Loss(Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.L1Loss(input, target, Reduction);
}
