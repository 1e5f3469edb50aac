namespace Descent.NN;

/// <summary>
/// The smooth L1 loss, ½d²/β for |d| &lt; β and |d| − ½β beyond, as <c>torch.nn.SmoothL1Loss</c>; see
/// <see cref="Functional.SmoothL1Loss"/>.
/// </summary>
public sealed class SmoothL1Loss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How the per-element losses are combined.</param>
    /// <param name="beta">The switch point β; 0 gives the L1 loss.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is negative.</exception>
    public SmoothL1Loss(Reduction reduction = Reduction.Mean, double beta = 1.0)
        : base(reduction)
    {
        Functional.CheckSmoothL1Beta(beta);
        Beta = beta;
    }

    /// <summary>The switch point β between the quadratic and linear parts.</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.SmoothL1Loss(input, target, Reduction, Beta);
}
