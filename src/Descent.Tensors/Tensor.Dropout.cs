namespace Descent;

public partial class Tensor
{
    /// <summary>
    /// Inverted dropout in one pass: each element is kept when its uniform sample from <paramref name="generator"/>
    /// falls below 1 − <paramref name="p"/> (PyTorch's <c>bernoulli(1 − p)</c>) and scaled by 1/(1 − p); the others
    /// become 0. The gradient is the same mask applied to the incoming gradient.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1).</exception>
    public Tensor Dropout(double p, Generator? generator = null)
    {
        if (!(p >= 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"Dropout: p must be in [0, 1), got {p}.");
        }
        Generator g = generator ?? Generator.Default;
        float keep = (float)(1 - p);
        float scale = 1f / keep;
        var mask = new float[_data.Length];
        var result = new float[_data.Length];
        for (int i = 0; i < mask.Length; i++)
        {
            // One sample per element, in order: the same stream as Rand followed by a comparison.
            mask[i] = g.NextFloat() < keep ? scale : 0f;
            result[i] = _data[i] * mask[i];
        }
        var maskTensor = new Tensor(mask, _shape);
        return Record(new Tensor(result, _shape), "NativeDropoutBackward0", [this], (grad, _) => [grad * maskTensor]);
    }
}
