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
    /// <see cref="Generator.FillInterleaved"/>, eight streams seeded by the generator. The gradient is the same mask
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
        float scale = 1f / keep;
        // The mask is kept as bits, one per element, for the backward pass: an eighth of a byte per element where a
        // mask of factors would take four bytes to write, keep and read back.
        var mask = new byte[(_data.Length + 7) / 8];
        var result = TensorArena.Rent(_data.Length);
        int pairs = (_data.Length + 1) / 2;
        ulong[] draws = ArrayPool<ulong>.Shared.Rent(pairs);
        g.FillInterleaved(draws.AsSpan(0, pairs));
        ApplyDropout(draws.AsSpan(0, pairs), threshold, scale, _data, mask, result);
        ArrayPool<ulong>.Shared.Return(draws);
        return Record(new Tensor(result, _shape), "NativeDropoutBackward0", [this], (grad, _) =>
        {
            Tensor d = grad.ReuseOrNew();
            ApplyDropoutMask(grad._data, mask, scale, d._data);
            return [d];
        });
    }

    /// <summary>
    /// Writes the kept elements of <paramref name="x"/>, scaled, to <paramref name="y"/> and the keep bits to
    /// <paramref name="mask"/> (element i in bit i mod 8 of byte i / 8): element 2k from the high 24 bits of draw k,
    /// element 2k + 1 from the 24 bits below them.
    /// </summary>
    /// <remarks>A method of its own, so that it is compiled whole wherever the caller is inlined.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ApplyDropout(ReadOnlySpan<ulong> draws, uint threshold, float scale,
        ReadOnlySpan<float> x, Span<byte> mask, Span<float> y)
    {
        int n = y.Length;
        ref ulong r0 = ref MemoryMarshal.GetReference(draws);
        ref float x0 = ref MemoryMarshal.GetReference(x);
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
                var kept = Vector256.LessThan(pair.AsUInt32(), t).AsSingle();
                nuint i = (nuint)(2 * k);
                mask[k / 4] = (byte)kept.ExtractMostSignificantBits();
                (Vector256.LoadUnsafe(ref x0, i) * (kept & s)).StoreUnsafe(ref y0, i);
            }
        }
        for (int i = 2 * k; i < n; i++)
        {
            ulong draw = Unsafe.Add(ref r0, i / 2);
            ulong u = i % 2 == 0 ? draw >> 40 : (draw >> 16) & 0xFFFFFF;
            // (u − t) >> 63 is 1 exactly when u < t (both below 2⁶³): a keep bit without a branch to mispredict.
            int bit = (int)((u - threshold) >> 63);
            mask[i / 8] |= (byte)(bit << (i % 8));
            y[i] = x[i] * (scale * bit);
        }
    }

    /// <summary>d[i] = g[i] · (bit i of <paramref name="mask"/> ? scale : 0), as multiplying by the mask of factors would.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ApplyDropoutMask(ReadOnlySpan<float> g, ReadOnlySpan<byte> mask, float scale, Span<float> d)
    {
        int n = d.Length;
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ref float d0 = ref MemoryMarshal.GetReference(d);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var bits = Vector256.Create(1u, 2u, 4u, 8u, 16u, 32u, 64u, 128u);
            var s = Vector256.Create(scale);
            for (; i + 8 <= n; i += 8)
            {
                var kept = ~Vector256.Equals(Vector256.Create((uint)mask[i / 8]) & bits, Vector256<uint>.Zero);
                (Vector256.LoadUnsafe(ref g0, (nuint)i) * (kept.AsSingle() & s)).StoreUnsafe(ref d0, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            d[i] = g[i] * (((mask[i / 8] >> (i % 8)) & 1) != 0 ? scale : 0f);
        }
    }
}
