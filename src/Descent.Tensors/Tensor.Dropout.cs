using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent;

public partial class Tensor
{
    /// <summary>
    /// Inverted dropout in one pass: each element is kept when its 24-bit uniform sample from
    /// <paramref name="generator"/> falls below 1 − <paramref name="p"/> (PyTorch's <c>bernoulli(1 − p)</c>) and
    /// scaled by 1/(1 − p); the others become 0. Each 64-bit draw gives two samples; the draws come from
    /// <see cref="Generator.FillInterleaved"/>, four streams seeded by the generator. The gradient is the same mask
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
        // A 24-bit uniform u keeps an element when u · 2⁻²⁴ < 1 − p; each 64-bit draw supplies two such samples.
        // u < keep·2²⁴ for an integer u is u < ⌈keep·2²⁴⌉: an integer comparison, no conversion per element.
        uint threshold = (uint)Math.Ceiling(keep * 16777216.0);
        var mask = new float[_data.Length];
        var result = new float[_data.Length];
        int pairs = (mask.Length + 1) / 2;
        ulong[] draws = ArrayPool<ulong>.Shared.Rent(pairs);
        g.FillInterleaved(draws.AsSpan(0, pairs));
        ApplyDropout(draws.AsSpan(0, pairs), threshold, 1f / keep, _data, mask, result);
        ArrayPool<ulong>.Shared.Return(draws);
        return Record(new Tensor(result, _shape), "NativeDropoutBackward0", [this], (grad, _) =>
        {
            Tensor d = grad.ReuseOrNew();
            System.Numerics.Tensors.TensorPrimitives.Multiply(grad._data, mask, d._data);
            return [d];
        });
    }

    /// <summary>
    /// Writes the scaled keep mask of <paramref name="x"/> to <paramref name="mask"/> and the dropped-out values to
    /// <paramref name="y"/>: element 2k from the high 24 bits of draw k, element 2k + 1 from the 24 bits below them.
    /// </summary>
    /// <remarks>A method of its own, so that it is compiled whole wherever the caller is inlined.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ApplyDropout(ReadOnlySpan<ulong> draws, uint threshold, float scale,
        ReadOnlySpan<float> x, Span<float> mask, Span<float> y)
    {
        int n = mask.Length;
        ref ulong r0 = ref MemoryMarshal.GetReference(draws);
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float m0 = ref MemoryMarshal.GetReference(mask);
        ref float y0 = ref MemoryMarshal.GetReference(y);
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Four draws give eight samples: (mid << 32) | high puts them, read as 32-bit lanes, in element order.
            var t = Vector256.Create(threshold);
            var s = Vector256.Create(scale);
            var low24 = Vector256.Create(0xFFFFFFUL);
            for (; 2 * k + 8 <= n; k += 4)
            {
                var draw = Vector256.LoadUnsafe(ref r0, (nuint)k);
                var pair = (((draw >> 16) & low24) << 32) | (draw >> 40);
                var kept = Vector256.LessThan(pair.AsUInt32(), t).AsSingle() & s;
                nuint i = (nuint)(2 * k);
                kept.StoreUnsafe(ref m0, i);
                (Vector256.LoadUnsafe(ref x0, i) * kept).StoreUnsafe(ref y0, i);
            }
        }
        for (; k < draws.Length; k++)
        {
            // Two samples per draw.
            int i = 2 * k;
            ulong draw = Unsafe.Add(ref r0, k);
            // (u − t) >> 63 is 1 exactly when u < t (both below 2⁶³): a keep bit without a branch to mispredict.
            float keep0 = scale * (int)(((draw >> 40) - threshold) >> 63);
            mask[i] = keep0;
            y[i] = x[i] * keep0;
            if (i + 1 < n)
            {
                float keep1 = scale * (int)((((draw >> 16) & 0xFFFFFF) - threshold) >> 63);
                mask[i + 1] = keep1;
                y[i + 1] = x[i + 1] * keep1;
            }
        }
    }
}
