namespace Descent.NN;

/// <summary>
/// The Huber loss, quadratic for |x − y| &lt; δ and linear beyond, as <c>torch.nn.HuberLoss</c>; see
/// <see cref="Functional.HuberLoss"/>.
/// </summary>
public sealed class HuberLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How the per-element losses are combined.</param>
    /// <param name="delta">The switch point δ between the quadratic and linear parts; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive.</exception>
    public HuberLoss(Reduction reduction = Reduction.Mean, double delta = 1.0)
        : base(reduction)
    {
        Functional.CheckHuberDelta(delta);
        Delta = delta;
    }

    /// <summary>The switch point δ between the quadratic and linear parts.</summary>
    public double Delta { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.HuberLoss(input, target, Reduction, Delta);
}
