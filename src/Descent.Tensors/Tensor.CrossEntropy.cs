using System.Numerics.Tensors;

namespace Descent;

public partial class Tensor
{
    /// <summary>
    /// The mean cross-entropy of rows of logits [N, C] against class indices, −mean log softmax(x)[y], as one op:
    /// the common case of <c>cross_entropy</c> (no class weights, no ignored samples, no smoothing) without the
    /// intermediate tensors of the general formula. The gradient is (softmax(x) − onehot(y)) / N.
    /// </summary>
    /// <exception cref="ArgumentException">The logits are not 2-D, or the targets do not match their rows and classes.</exception>
    public static Tensor CrossEntropyMean(Tensor logits, int[] classes)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(classes);
        if (logits.Rank != 2 || logits._shape[0] != classes.Length)
        {
            throw new ArgumentException(
                $"CrossEntropyMean: logits of shape {ShapeUtil.Format(logits._shape)} for {classes.Length} targets; expected [{classes.Length}, C].");
        }
        int n = classes.Length;
        int c = logits._shape[1];
        foreach (int k in classes)
        {
            if ((uint)k >= (uint)c)
            {
                throw new ArgumentException($"CrossEntropyMean: class {k} is out of range for {c} classes.");
            }
        }
        // Softmax rows are kept for the backward pass; the loss uses the stable log-sum-exp of each row.
        var softmax = TensorArena.Rent(n * c);
        var losses = TensorArena.Rent(n);
        // Rows are short (a few classes), so each is a plain loop rather than five library calls.
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> x = logits._data.AsSpan(i * c, c);
            Span<float> p = softmax.AsSpan(i * c, c);
            float max = x[0];
            for (int j = 1; j < c; j++)
            {
                max = x[j] > max || float.IsNaN(x[j]) ? x[j] : max;
            }
            float sum = 0;
            for (int j = 0; j < c; j++)
            {
                p[j] = MathF.Exp(x[j] - max);
                sum += p[j];
            }
            losses[i] = -((x[classes[i]] - max) - MathF.Log(sum));
            for (int j = 0; j < c; j++)
            {
                p[j] /= sum;
            }
        }
        float loss = n == 0 ? float.NaN : TensorPrimitives.Sum(losses) / n;
        return Record(Scalar(loss), "NllLossBackward0", [logits], (g, _) =>
        {
            float scale = g._data[0] / n;
            var dx = TensorArena.Rent(softmax.Length);
            TensorPrimitives.Multiply(softmax, scale, dx);
            for (int i = 0; i < n; i++)
            {
                dx[i * c + classes[i]] -= scale;
            }
            return [new Tensor(dx, logits._shape)];
        });
    }
}
