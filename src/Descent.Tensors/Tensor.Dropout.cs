namespace Descent;

public partial class Tensor
{
    /// <summary>
    /// Inverted dropout in one pass: each element is kept when its 24-bit uniform sample from
    /// <paramref name="generator"/> falls below 1 − <paramref name="p"/> (PyTorch's <c>bernoulli(1 − p)</c>) and
    /// scaled by 1/(1 − p); the others become 0. Each 64-bit draw gives two samples. The gradient is the same mask
    /// applied to the incoming gradient.
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
        // A 24-bit uniform u keeps an element when u · 2⁻²⁴ < 1 − p; each 64-bit draw supplies two such samples.
        // u < keep·2²⁴ for an integer u is u < ⌈keep·2²⁴⌉: an integer comparison, no conversion per element.
        ulong threshold = (ulong)Math.Ceiling(keep * 16777216.0);
        var mask = new float[_data.Length];
        var result = new float[_data.Length];
        int pairs = (mask.Length + 1) / 2;
        ulong[] draws = System.Buffers.ArrayPool<ulong>.Shared.Rent(pairs);
        g.Fill(draws.AsSpan(0, pairs));
        ReadOnlySpan<float> x = _data;
        Span<float> m = mask;
        Span<float> y = result;
        ReadOnlySpan<ulong> r = draws.AsSpan(0, pairs);
        int n = m.Length;
        for (int k = 0; k < r.Length; k++)
        {
            // Two samples per draw.
            int i = 2 * k;
            // (u − t) >> 63 is 1 exactly when u < t (both below 2⁶³): a keep bit without a branch to mispredict.
            float keep0 = scale * (int)(((r[k] >> 40) - threshold) >> 63);
            m[i] = keep0;
            y[i] = x[i] * keep0;
            if (i + 1 < n)
            {
                float keep1 = scale * (int)((((r[k] >> 16) & 0xFFFFFF) - threshold) >> 63);
                m[i + 1] = keep1;
                y[i + 1] = x[i + 1] * keep1;
            }
        }
        System.Buffers.ArrayPool<ulong>.Shared.Return(draws);
        var maskTensor = new Tensor(mask, _shape);
        return Record(new Tensor(result, _shape), "NativeDropoutBackward0", [this], (grad, _) => [grad * maskTensor]);
    }
}
