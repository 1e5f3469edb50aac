using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Descent.Kernels;

/// <summary>Copies that move data between layouts: permutations, gathers and scatters along one dimension.</summary>
internal static class Layout
{
    /// <summary>Views a shape as [outer, shape[dim], inner] around <paramref name="dim"/>.</summary>
    public static (int Outer, int Inner) Split(ReadOnlySpan<int> shape, int dim)
    {
        int outer = 1;
        for (int i = 0; i < dim; i++)
        {
            outer *= shape[i];
        }
        int inner = 1;
        for (int i = dim + 1; i < shape.Length; i++)
        {
            inner *= shape[i];
        }
        return (outer, inner);
    }

    /// <summary>Effectively computes d[o, j, i] = s[o, index[j], i] for s viewed as [outer, size, inner].</summary>
    /// <remarks>
    /// A mini-batch picks rows at random from a matrix larger than the caches: the cache lines of every picked row
    /// are requested first, so that their misses overlap, and copied after. Single elements are copied directly.
    /// </remarks>
    public static unsafe void Gather(ReadOnlySpan<float> s, int outer, int size, int inner, ReadOnlySpan<int> index, Span<float> d)
    {
        int n = index.Length;
        if (outer == 1 && IsRun(index))
        {
            // Consecutive rows, as a slice asks for: one block copy.
            s.Slice(index[0] * inner, n * inner).CopyTo(d);
            return;
        }
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                ReadOnlySpan<float> source = s.Slice(o * size, size);
                Span<float> target = d.Slice(o * n, n);
                for (int j = 0; j < n; j++)
                {
                    target[j] = source[index[j]];
                }
            }
            return;
        }
        // A batch's worth of rows: more would only queue prefetches far ahead of the copying.
        if (Sse.IsSupported && outer == 1 && n <= 256)
        {
            fixed (float* p = s)
            {
                for (int j = 0; j < n; j++)
                {
                    // Bounds are checked by the copy below; a prefetch of any address cannot fault.
                    byte* row = (byte*)(p + ((long)index[j] * inner));
                    for (int offset = 0; offset < inner * sizeof(float); offset += 64)
                    {
                        Sse.Prefetch0(row + offset);
                    }
                }
            }
        }
        if (outer == 1 && inner < 256)
        {
            // Short rows, as a mini-batch of features has: vector copies in place of a copy call per row.
            ref float s0 = ref MemoryMarshal.GetReference(s);
            ref float d0 = ref MemoryMarshal.GetReference(d);
            for (int j = 0; j < n; j++)
            {
                ref float from = ref Unsafe.Add(ref s0, (nint)(uint)index[j] * inner);
                ref float to = ref Unsafe.Add(ref d0, (nint)j * inner);
                int e = 0;
                for (; e + Vector256<float>.Count <= inner; e += Vector256<float>.Count)
                {
                    Vector256.LoadUnsafe(ref from, (nuint)e).StoreUnsafe(ref to, (nuint)e);
                }
                for (; e < inner; e++)
                {
                    Unsafe.Add(ref to, e) = Unsafe.Add(ref from, e);
                }
            }
            return;
        }
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < n; j++)
            {
                s.Slice((o * size + index[j]) * inner, inner).CopyTo(d.Slice((o * n + j) * inner, inner));
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="d"/> with copies of <paramref name="row"/> end to end (a bias broadcast over a batch):
    /// vector loads and stores in place of one copy call per row, which cost more than the copying for rows of ~100.
    /// </summary>
    public static void RepeatRow(ReadOnlySpan<float> row, Span<float> d)
    {
        int n = row.Length;
        if (n == 0)
        {
            return;
        }
        ref float r0 = ref MemoryMarshal.GetReference(row);
        for (int start = 0; start < d.Length; start += n)
        {
            ref float d0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(d), start);
            int j = 0;
            for (; j + Vector256<float>.Count <= n; j += Vector256<float>.Count)
            {
                Vector256.LoadUnsafe(ref r0, (nuint)j).StoreUnsafe(ref d0, (nuint)j);
            }
            for (; j < n; j++)
            {
                Unsafe.Add(ref d0, j) = Unsafe.Add(ref r0, j);
            }
        }
    }

    /// <summary>Whether <paramref name="index"/> is a non-empty run of consecutive ascending values.</summary>
    private static bool IsRun(ReadOnlySpan<int> index)
    {
        for (int j = 1; j < index.Length; j++)
        {
            if (index[j] != index[0] + j)
            {
                return false;
            }
        }
        return index.Length > 0;
    }

    /// <summary>Effectively computes d[o, index[j], i] += s[o, j, i]; repeated indices add up.</summary>
    public static void ScatterAdd(ReadOnlySpan<float> s, int outer, int size, int inner, ReadOnlySpan<int> index, Span<float> d)
    {
        int n = index.Length;
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < n; j++)
            {
                Span<float> target = d.Slice((o * size + index[j]) * inner, inner);
                System.Numerics.Tensors.TensorPrimitives.Add(target, s.Slice((o * n + j) * inner, inner), target);
            }
        }
    }

    /// <summary>Effectively computes d[i₀…] = s[…] with dimension k of d being dimension order[k] of s.</summary>
    public static void Permute(ReadOnlySpan<float> s, int[] shape, int[] order, Span<float> d)
    {
        int rank = shape.Length;
        if (s.Length == 0)
        {
            return;
        }
        int[] srcStrides = ShapeUtil.Strides(shape);
        var outShape = new int[rank];
        var stepStrides = new int[rank];
        for (int k = 0; k < rank; k++)
        {
            outShape[k] = shape[order[k]];
            stepStrides[k] = srcStrides[order[k]];
        }
        Span<int> counter = stackalloc int[rank];
        int src = 0;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = s[src];
            for (int k = rank - 1; k >= 0; k--)
            {
                counter[k]++;
                src += stepStrides[k];
                if (counter[k] < outShape[k])
                {
                    break;
                }
                src -= stepStrides[k] * outShape[k];
                counter[k] = 0;
            }
        }
    }
}
