namespace Descent.NN;

public static partial class Functional
{
    /// <summary>
    /// The cross-entropy between the softmax of <paramref name="input"/> (logits) and the target classes, as
    /// <c>torch.nn.functional.cross_entropy</c>; the same as <see cref="NllLoss"/> of the log-softmax.
    /// </summary>
    /// <param name="input">Logits of shape [N, C], [C] (one sample) or [N, C, d1, …].</param>
    /// <param name="target">
    /// Class indices stored as floats with integral values, of the input's shape without the class dimension
    /// ([N], [] or [N, d1, …]); or class probabilities of the input's own shape.
    /// </param>
    /// <param name="weight">Optional [C] weight of each class.</param>
    /// <param name="ignoreIndex">Samples whose target equals this value contribute nothing, not even to the mean's denominator.</param>
    /// <param name="reduction">'mean' divides by the summed class weights of the counted samples (their number without weights).</param>
    /// <param name="labelSmoothing">
    /// ε in [0, 1]: the target becomes (1 − ε)·one-hot + ε/C. With class weights the smoothing term is
    /// weighted too, as in PyTorch.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The target's shape does not fit the input's (the message shows both), a target is not an integer class in
    /// [0, C) or <paramref name="ignoreIndex"/> (the message names the value and C), or the weight is not [C].
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public static Tensor CrossEntropy(Tensor input, Tensor target, Tensor? weight = null, int ignoreIndex = -100,
        Reduction reduction = Reduction.Mean, double labelSmoothing = 0.0)
    {
        const string Op = nameof(CrossEntropy);
        CheckClassInput(input, target, weight, Op);
        CheckReduction(reduction);
        CheckLabelSmoothing(labelSmoothing);
        int classDim = input.Rank == 1 ? 0 : 1;
        if (target.Rank > 0 && target.Shape.SequenceEqual(input.Shape))
        {
            return ProbabilityCrossEntropy(input.LogSoftmax(classDim), target, weight, classDim, reduction, labelSmoothing);
        }

        if (input.Rank == 2 && weight is null && labelSmoothing == 0 && reduction == Reduction.Mean
            && TryClassIndices(target, input.Size(0), input.Size(1), ignoreIndex) is { } classes)
        {
            // The common case of a training loop, as one fused op, without building the general targets.
            return Tensor.CrossEntropyMean(input, classes);
        }
        ClassTargets targets = ClassTargets.Create(input, target, weight, ignoreIndex, Op);
        Tensor logProbabilities = input.LogSoftmax(classDim);
        Tensor rows = targets.ToRows(logProbabilities);
        Tensor nll = NegativeLogLikelihood(rows, targets, reduction);
        if (labelSmoothing == 0)
        {
            return nll;
        }

        // Smoothing adds ε/C times the (class-weighted) sum of −log p over all classes of each counted sample.
        Tensor weighted = weight is null ? rows : rows * weight.Reshape(1, targets.Classes);
        Tensor smooth = Tensor.Where(targets.Valid, -weighted.Sum(1), Tensor.Scalar(0f));
        Tensor smoothReduced = reduction switch
        {
            Reduction.None => targets.ToTargetShape(smooth),
            Reduction.Sum => smooth.Sum(),
            _ => smooth.Sum() / targets.TotalWeight,
        };
        return nll * (float)(1 - labelSmoothing) + smoothReduced * (float)(labelSmoothing / targets.Classes);
    }

    /// <summary>
    /// The class indices of a [rows] target whose every value is a valid index of <paramref name="classes"/>
    /// classes; null when any is not (ignored, fractional or out of range), for the general path to handle or reject.
    /// </summary>
    private static int[]? TryClassIndices(Tensor target, int rows, int classes, int ignoreIndex)
    {
        if (target.Rank != 1 || target.Size(0) != rows)
        {
            return null;
        }
        ReadOnlySpan<float> values = target.AsReadOnlySpan();
        var indices = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            float v = values[i];
            if (!(v >= 0 && v < classes) || v != MathF.Floor(v) || v == ignoreIndex)
            {
                return null;
            }
            indices[i] = (int)v;
        }
        return indices;
    }

    /// <summary>
    /// The negative log-likelihood of the target classes under log-probabilities <paramref name="input"/>, as
    /// <c>torch.nn.functional.nll_loss</c>: −weight[y]·input[y] per sample.
    /// </summary>
    /// <param name="input">Log-probabilities of shape [N, C], [C] (one sample) or [N, C, d1, …].</param>
    /// <param name="target">Class indices stored as floats with integral values, of shape [N], [] or [N, d1, …].</param>
    /// <param name="weight">Optional [C] weight of each class.</param>
    /// <param name="ignoreIndex">Samples whose target equals this value contribute nothing, not even to the mean's denominator.</param>
    /// <param name="reduction">'mean' divides by the summed class weights of the counted samples (their number without weights).</param>
    /// <exception cref="ArgumentException">
    /// The target's shape does not fit the input's (the message shows both), a target is not an integer class in
    /// [0, C) or <paramref name="ignoreIndex"/> (the message names the value and C), or the weight is not [C].
    /// </exception>
    public static Tensor NllLoss(Tensor input, Tensor target, Tensor? weight = null, int ignoreIndex = -100,
        Reduction reduction = Reduction.Mean)
    {
        const string Op = nameof(NllLoss);
        CheckClassInput(input, target, weight, Op);
        CheckReduction(reduction);
        ClassTargets targets = ClassTargets.Create(input, target, weight, ignoreIndex, Op);
        return NegativeLogLikelihood(targets.ToRows(input), targets, reduction);
    }

    internal static void CheckLabelSmoothing(double labelSmoothing)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing,
                $"label_smoothing must be between 0.0 and 1.0. Got: {PyRepr.Float(labelSmoothing)}");
        }
    }

    private static Tensor NegativeLogLikelihood(Tensor rows, ClassTargets targets, Reduction reduction)
    {
        // Select rather than multiply by the mask: an ignored sample's picked entry may be −∞ (a masked logit),
        // and −∞·0 would turn the whole loss into NaN.
        Tensor loss = Tensor.Where(targets.Valid, -targets.Pick(rows) * targets.RowWeights, Tensor.Scalar(0f));
        return reduction switch
        {
            Reduction.None => targets.ToTargetShape(loss),
            Reduction.Sum => loss.Sum(),
            _ => loss.Sum() / targets.TotalWeight,
        };
    }

    private static Tensor ProbabilityCrossEntropy(Tensor logProbabilities, Tensor target, Tensor? weight, int classDim,
        Reduction reduction, double labelSmoothing)
    {
        int classes = logProbabilities.Size(classDim);
        if (labelSmoothing > 0)
        {
            target = target * (float)(1 - labelSmoothing) + (float)(labelSmoothing / classes);
        }
        Tensor terms = logProbabilities * target;
        if (weight is not null)
        {
            // View the [C] weight along the class dimension: [C] for one sample, [1, C, 1, …] for a batch.
            int[] view = new int[logProbabilities.Rank];
            Array.Fill(view, 1);
            view[classDim] = classes;
            terms = terms * weight.Reshape(view);
        }
        Tensor loss = -terms.Sum(classDim);
        return reduction switch
        {
            Reduction.None => loss,
            Reduction.Sum => loss.Sum(),
            // The mean is over samples, whatever the class weights.
            _ => loss.Sum() / (logProbabilities.NumElements / Math.Max(classes, 1)),
        };
    }

    private static void CheckClassInput(Tensor input, Tensor target, Tensor? weight, string op)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (input.Rank == 0)
        {
            throw new ArgumentException($"{op}: input must have a class dimension ([C], [N, C] or [N, C, d1, …]), got a scalar.", nameof(input));
        }
        int classes = input.Size(input.Rank == 1 ? 0 : 1);
        if (weight is not null && (weight.Rank != 1 || weight.NumElements != classes))
        {
            throw new ArgumentException(
                $"{op}: weight tensor should be defined either for all {classes} classes or no classes but got weight tensor of shape: {PyRepr.Shape(weight)}.",
                nameof(weight));
        }
    }
}
