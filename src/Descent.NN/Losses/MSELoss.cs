namespace Descent.NN;

/// <summary>The mean squared error (x − y)², as <c>torch.nn.MSELoss</c>; see <see cref="Functional.MseLoss"/>.</summary>
public sealed class MSELoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How the per-element losses are combined.</param>
    public MSELoss(Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.MseLoss(input, target, Reduction);
}
