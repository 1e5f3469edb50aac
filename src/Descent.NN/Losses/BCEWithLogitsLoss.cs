namespace Descent.NN;

/// <summary>
/// The binary cross-entropy of logits, a sigmoid and <see cref="BCELoss"/> in one numerically stable step, as
/// <c>torch.nn.BCEWithLogitsLoss</c>; see <see cref="Functional.BinaryCrossEntropyWithLogits"/>. The weights,
/// when given, are buffers named <c>weight</c> and <c>pos_weight</c>.
/// </summary>
public sealed class BCEWithLogitsLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional weight broadcast to the input's shape.</param>
    /// <param name="reduction">How the per-element losses are combined.</param>
    /// <param name="posWeight">Optional weight of the positive term, broadcast along the last dimension.</param>
    public BCEWithLogitsLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? posWeight = null)
        : base(reduction)
    {
        Weight = RegisterBuffer("weight", weight);
        PosWeight = RegisterBuffer("pos_weight", posWeight);
    }

    /// <summary>The element weight, or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>The positive-class weight, or null.</summary>
    public Tensor? PosWeight { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) =>
        Functional.BinaryCrossEntropyWithLogits(input, target, Weight, Reduction, PosWeight);
}
