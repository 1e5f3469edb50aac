using System.Runtime.Intrinsics;

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
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Four draws give eight samples: (mid << 32) | high puts them, read as 32-bit lanes, in element order.
            var t = Vector256.Create((uint)threshold);
            var s = Vector256.Create(scale);
            var low24 = Vector256.Create(0xFFFFFFUL);
            for (; 2 * k + 8 <= n; k += 4)
            {
                var draw = Vector256.Create(r.Slice(k, 4));
                var pair = (((draw >> 16) & low24) << 32) | (draw >> 40);
                var kept = Vector256.LessThan(pair.AsUInt32(), t).AsSingle() & s;
                Vector256.CopyTo(kept, m.Slice(2 * k, 8));
                var xs = Vector256.Create(x.Slice(2 * k, 8));
                Vector256.CopyTo(xs * kept, y.Slice(2 * k, 8));
            }
        }
        for (; k < r.Length; k++)
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
