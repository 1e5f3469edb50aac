namespace Descent.NN;

/// <summary>
/// The binary cross-entropy of probabilities, as <c>torch.nn.BCELoss</c>; see
/// <see cref="Functional.BinaryCrossEntropy"/>. The weight, when given, is a buffer named <c>weight</c>.
/// </summary>
public sealed class BCELoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional weight broadcast to the input's shape.</param>
    /// <param name="reduction">How the per-element losses are combined.</param>
    public BCELoss(Tensor? weight = null, Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
        Weight = RegisterBuffer("weight", weight);
    }

    /// <summary>The element weight, or null.</summary>
    public Tensor? Weight { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) =>
        Functional.BinaryCrossEntropy(input, target, Weight, Reduction);
}
