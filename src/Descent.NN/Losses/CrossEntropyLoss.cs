namespace Descent.NN;

/// <summary>
/// The cross-entropy of logits against class indices (or class probabilities), as
/// <c>torch.nn.CrossEntropyLoss</c>; see <see cref="Functional.CrossEntropy"/>. The class weight, when given,
/// is a buffer named <c>weight</c>.
/// </summary>
public sealed class CrossEntropyLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional [C] weight of each class.</param>
    /// <param name="ignoreIndex">Samples whose target equals this value contribute nothing.</param>
    /// <param name="reduction">How the per-sample losses are combined.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the target becomes (1 − ε)·one-hot + ε/C.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public CrossEntropyLoss(Tensor? weight = null, int ignoreIndex = -100, Reduction reduction = Reduction.Mean,
        double labelSmoothing = 0.0)
        : base(reduction)
    {
        Functional.CheckLabelSmoothing(labelSmoothing);
        Weight = RegisterBuffer("weight", weight);
        IgnoreIndex = ignoreIndex;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>The [C] class weight, or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>The target value whose samples are ignored.</summary>
    public int IgnoreIndex { get; }

    /// <summary>The label-smoothing ε.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) =>
        Functional.CrossEntropy(input, target, Weight, IgnoreIndex, Reduction, LabelSmoothing);
}
