namespace Descent.NN;

public static partial class Functional
{
    /// <summary>
    /// The binary cross-entropy between probabilities <paramref name="input"/> and targets, as
    /// <c>torch.nn.functional.binary_cross_entropy</c>: −w·(y·log x + (1 − y)·log(1 − x)), each log clamped
    /// at −100 so that x = 0 or 1 gives a finite loss.
    /// </summary>
    /// <param name="input">Probabilities in [0, 1].</param>
    /// <param name="target">Targets of the input's shape, usually in [0, 1].</param>
    /// <param name="weight">Optional weight broadcast to the input's shape, multiplying each element's loss.</param>
    /// <param name="reduction">How the element losses are combined.</param>
    /// <remarks>
    /// The gradient is that of the clamped loss. PyTorch's hand-written backward instead divides by
    /// max(x(1 − x), 1e-12), which differs only where x(1 − x) &lt; 1e-12, that is at saturated probabilities.
    /// For logits, <see cref="BinaryCrossEntropyWithLogits"/> is both more accurate and stable.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// Input and target shapes differ, the weight does not broadcast to the input, or an input is outside [0, 1].
    /// </exception>
    public static Tensor BinaryCrossEntropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
    {
        const string Op = nameof(BinaryCrossEntropy);
        CheckSameShape(input, target, Op);
        CheckBroadcastsTo(weight, input, Op, nameof(weight));
        CheckReduction(reduction);
        ReadOnlySpan<float> x = input.AsReadOnlySpan();
        for (int i = 0; i < x.Length; i++)
        {
            if (!(x[i] >= 0 && x[i] <= 1))
            {
                throw new ArgumentException(
                    $"{Op}: all elements of input should be between 0 and 1, but element {i} is {x[i]}.", nameof(input));
            }
        }

        // PyTorch's order of operations: (y − 1)·max(log1p(−x), −100) − y·max(log x, −100).
        Tensor logX = ClampedLog(input, input.Gt(0f), static safe => safe.Log(), safeValue: 1f);
        Tensor log1MinusX = ClampedLog(input, input.Lt(1f), static safe => (-safe).Log1p(), safeValue: 0f);
        Tensor loss = (target - 1f) * log1MinusX - target * logX;
        if (weight is not null)
        {
            loss = loss * weight;
        }
        return Reduce(loss, reduction);
    }

    /// <summary>
    /// The binary cross-entropy between sigmoid(<paramref name="input"/>) and the targets, computed from the logits
    /// without overflow, as <c>torch.nn.functional.binary_cross_entropy_with_logits</c>:
    /// w·[(1 − y)·softplus(x) + p·y·softplus(−x)], with p the positive-class weight.
    /// </summary>
    /// <param name="input">Logits, any real values.</param>
    /// <param name="target">Targets of the input's shape, usually in [0, 1].</param>
    /// <param name="weight">Optional weight broadcast to the input's shape, multiplying each element's loss.</param>
    /// <param name="reduction">How the element losses are combined.</param>
    /// <param name="posWeight">
    /// Optional weight of the positive term, broadcast along the last dimension (one per class in multi-label
    /// problems): above 1 raises recall, below 1 precision.
    /// </param>
    /// <remarks>
    /// softplus(x) = log(1 + eˣ) = −log(1 − sigmoid(x)) is evaluated in double precision and becomes linear for
    /// large x, so logits of ±100 give exact losses and gradients (1 − y)·sigmoid(x) − p·y·sigmoid(−x) without
    /// overflow. This is PyTorch's loss rearranged; it avoids the cancellation in 1 − sigmoid(x).
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// Input and target shapes differ, or a weight does not broadcast to the input.
    /// </exception>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor? weight = null,
        Reduction reduction = Reduction.Mean, Tensor? posWeight = null)
    {
        const string Op = nameof(BinaryCrossEntropyWithLogits);
        CheckSameShape(input, target, Op);
        CheckBroadcastsTo(weight, input, Op, nameof(weight));
        CheckBroadcastsTo(posWeight, input, Op, nameof(posWeight));
        CheckReduction(reduction);
        Tensor positive = posWeight is null ? target : posWeight * target;
        Tensor loss = (1f - target) * input.Softplus() + positive * (-input).Softplus();
        if (weight is not null)
        {
            loss = loss * weight;
        }
        return Reduce(loss, reduction);
    }

    /// <summary>
    /// log of something at least −100, where <paramref name="defined"/> marks the inputs the log is finite at; the
    /// others get −100 with zero gradient. The log is taken of a substitute there so its backward never divides by zero.
    /// </summary>
    private static Tensor ClampedLog(Tensor input, Tensor defined, Func<Tensor, Tensor> log, float safeValue)
    {
        Tensor safe = Tensor.Where(defined, input, Tensor.Scalar(safeValue));
        return Tensor.Where(defined, log(safe).Clamp(min: -100f), Tensor.Scalar(-100f));
    }
}
