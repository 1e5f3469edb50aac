namespace Descent.NN;

/// <summary>
/// The negative log-likelihood of class indices under log-probabilities, as <c>torch.nn.NLLLoss</c>; see
/// <see cref="Functional.NllLoss"/>. The class weight, when given, is a buffer named <c>weight</c>.
/// </summary>
public sealed class NLLLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional [C] weight of each class.</param>
    /// <param name="ignoreIndex">Samples whose target equals this value contribute nothing.</param>
    /// <param name="reduction">How the per-sample losses are combined.</param>
    public NLLLoss(Tensor? weight = null, int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
        Weight = RegisterBuffer("weight", weight);
        IgnoreIndex = ignoreIndex;
    }

    /// <summary>The [C] class weight, or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>The target value whose samples are ignored.</summary>
    public int IgnoreIndex { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) =>
        Functional.NllLoss(input, target, Weight, IgnoreIndex, Reduction);
}
