using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Descent.Kernels;

/// <summary>
/// Copies of GEMM operands into the layouts the micro-kernels stream: 16-wide panels of B (8 wide for a last panel
/// of at most 8 columns, zero-padded) and 6-row micro-panels of transposed A, in 64-byte aligned, pinned,
/// per-thread buffers.
/// </summary>
internal static unsafe class GemmPacking
{
    [ThreadStatic]
    private static float[]? t_packedB;

    [ThreadStatic]
    private static float[]? t_packedA;

    [ThreadStatic]
    private static float[]? t_packedTail;

    /// <summary>Packed width of a panel with <paramref name="cols"/> ≤ 16 columns: 8 when a single vector holds them.</summary>
    public static int PanelWidth(int cols)
    {
        return cols <= 8 ? 8 : Gemm.Nr;
    }

    /// <summary>The calling thread's buffer for blocks of B, of at least <paramref name="length"/> floats.</summary>
    public static float* RentB(int length) => Rent(ref t_packedB, length);

    /// <summary>The calling thread's buffer for a block of transposed A, of at least <paramref name="length"/> floats.</summary>
    public static float* RentA(int length) => Rent(ref t_packedA, length);

    /// <summary>The calling thread's buffer for a ragged last panel of B, of at least <paramref name="length"/> floats.</summary>
    public static float* RentTail(int length) => Rent(ref t_packedTail, length);

    /// <summary>
    /// Packs rows [k0, k1) and columns [j0, j0+nb) of opB, opB[p,j] = b[p*rsB + j*csB], into
    /// <paramref name="packed"/>: per <see cref="Gemm.Kc"/> block, consecutive kc×16 panels, the last one kc×8
    /// when it has at most 8 columns, zero-padded.
    /// </summary>
    public static void PackB(float* packed, float* b, nint rsB, nint csB, int j0, int nb, int k0, int k1)
    {
        int panels = (nb + Gemm.Nr - 1) / Gemm.Nr;
        for (int p0 = k0; p0 < k1; p0 += Gemm.Kc)
        {
            int kc = Math.Min(Gemm.Kc, k1 - p0);
            float* block = packed + ((nint)(p0 - k0) * panels * Gemm.Nr);
            for (int q = 0; q < panels; q++)
            {
                PackPanelB(block + ((nint)q * kc * Gemm.Nr), b, rsB, csB, p0, kc, j0 + (q * Gemm.Nr), Math.Min(Gemm.Nr, nb - (q * Gemm.Nr)));
            }
        }
    }

    /// <summary>Writes opB[p0+p, j0+jj] to dst[p*w + jj], zero for jj ≥ cols, where w = PanelWidth(cols).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackPanelB(float* dst, float* b, nint rsB, nint csB, int p0, int kc, int j0, int cols)
    {
        int width = PanelWidth(cols);
        if (csB == 1)
        {
            float* src = b + ((nint)p0 * rsB) + j0;
            if (cols == Gemm.Nr && Vector256.IsHardwareAccelerated)
            {
                for (int p = 0; p < kc; p++)
                {
                    Vector256.Load(src).Store(dst);
                    Vector256.Load(src + 8).Store(dst + 8);
                    src += rsB;
                    dst += Gemm.Nr;
                }
                return;
            }
            for (int p = 0; p < kc; p++)
            {
                new ReadOnlySpan<float>(src, cols).CopyTo(new Span<float>(dst, cols));
                new Span<float>(dst + cols, width - cols).Clear();
                src += rsB;
                dst += width;
            }
            return;
        }

        // Transposed B: each column of the panel is a contiguous run of the stored n×k matrix.
        float* column = b + ((nint)j0 * csB) + p0;
        int done = 0;
        if (cols == Gemm.Nr && Avx.IsSupported)
        {
            for (; done + 8 <= kc; done += 8)
            {
                Transpose8x8(column + done, csB, dst + (done * Gemm.Nr), Gemm.Nr);
                Transpose8x8(column + (8 * csB) + done, csB, dst + (done * Gemm.Nr) + 8, Gemm.Nr);
            }
        }
        for (int p = done; p < kc; p++)
        {
            float* d = dst + (p * width);
            int jj = 0;
            for (; jj < cols; jj++)
            {
                d[jj] = column[(jj * csB) + p];
            }
            for (; jj < width; jj++)
            {
                d[jj] = 0;
            }
        }
    }

    /// <summary>
    /// Copies rows [i0, i0+mb) and columns [p0, p0+kc) of transposed A, opA[i,p] = a[i + p*csA], into consecutive
    /// 6-row micro-panels, dst[t*kc + p*6 + ii] = opA[i0+t+ii, p0+p].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(float* dst, float* a, nint csA, int i0, int mb, int p0, int kc)
    {
        for (int t = 0; t < mb; t += Gemm.Mr)
        {
            int rows = Math.Min(Gemm.Mr, mb - t);
            float* src = a + ((nint)p0 * csA) + i0 + t;
            float* d = dst + ((nint)t * kc);
            for (int p = 0; p < kc; p++)
            {
                new ReadOnlySpan<float>(src, rows).CopyTo(new Span<float>(d, rows));
                src += csA;
                d += Gemm.Mr;
            }
        }
    }

    /// <summary>Returns a 64-byte aligned pointer into the calling thread's pinned packing buffer of at least <paramref name="length"/> floats.</summary>
    private static float* Rent(ref float[]? slot, int length)
    {
        // Alignment keeps every vector load of a panel within one cache line; the buffer lives on the pinned heap,
        // so the pointer stays valid after this returns.
        float[]? buffer = slot;
        if (buffer is null || buffer.Length < length + 16)
        {
            buffer = GC.AllocateUninitializedArray<float>(length + 16, pinned: true);
            slot = buffer;
        }
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)((address + 63) & ~(nuint)63);
    }

    /// <summary>Transposes the 8×8 block whose row r starts at src + r·srcStride into dst, row r at dst + r·dstStride.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint srcStride, float* dst, nint dstStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(src);
        Vector256<float> r1 = Avx.LoadVector256(src + srcStride);
        Vector256<float> r2 = Avx.LoadVector256(src + (2 * srcStride));
        Vector256<float> r3 = Avx.LoadVector256(src + (3 * srcStride));
        Vector256<float> r4 = Avx.LoadVector256(src + (4 * srcStride));
        Vector256<float> r5 = Avx.LoadVector256(src + (5 * srcStride));
        Vector256<float> r6 = Avx.LoadVector256(src + (6 * srcStride));
        Vector256<float> r7 = Avx.LoadVector256(src + (7 * srcStride));

        // Interleave pairs of rows, then pairs of pairs, then swap 128-bit halves.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1);
        Vector256<float> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3);
        Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5);
        Vector256<float> t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7);
        Vector256<float> t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44);
        Vector256<float> s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44);
        Vector256<float> s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44);
        Vector256<float> s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44);
        Vector256<float> s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + (2 * dstStride), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + (3 * dstStride), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + (4 * dstStride), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + (5 * dstStride), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + (6 * dstStride), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + (7 * dstStride), Avx.Permute2x128(s3, s7, 0x31));
    }
}
