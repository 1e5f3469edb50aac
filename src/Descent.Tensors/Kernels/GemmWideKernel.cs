using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Descent.Kernels;

/// <summary>
/// The GEMM's 512-bit register tile, 6 rows by 32 columns from two 16-wide panels, for cores with AVX-512.
/// </summary>
/// <remarks>
/// Zen 5 executes 512-bit FMAs at full width (130 → 260 GFLOP/s on a register-bound loop); with this tile the
/// 784→512 products went from 257 to 447–484 GFLOP/s, and the spam weight gradient 100×32×57, whose 57 columns end
/// in a full panel and a ragged one of 9 columns, from 122 to 172 GFLOP/s (bench/RESULTS.md). The plan in
/// <see cref="GemmProblem"/> takes it wherever at least 25 columns remain; <see cref="GemmPaths.Wide"/> turns it off.
/// </remarks>
internal static unsafe class GemmWideKernel
{
    /// <summary>Runs <see cref="Kernel32{TRows}"/> for a tile of <paramref name="rows"/> ≤ 6 rows.</summary>
    public static void Tile(int rows, float* a, nint rs, nint cs, float* b, float* b2, nint bStride, nint b2Stride, int kc, float* c, nint ldc, bool load)
    {
        switch (rows)
        {
            case 6: Kernel32<Rows6>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
            case 5: Kernel32<Rows5>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
            case 4: Kernel32<Rows4>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
            case 3: Kernel32<Rows3>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
            case 2: Kernel32<Rows2>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
            default: Kernel32<Rows1>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
        }
    }

    /// <summary>
    /// <see cref="GemmKernels.Kernel16{TRows}"/> for two full panels side by side, 32 columns, in 512-bit registers: columns 0–15
    /// from <paramref name="b"/> and 16–31 from <paramref name="b2"/>, both with stride <paramref name="bStride"/>.
    /// Each element takes the same fused multiply-adds in the same order, so results are bitwise those of two
    /// <see cref="GemmKernels.Kernel16{TRows}"/> calls, in half the instructions where the core executes 512-bit FMAs at full width.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel32<TRows>(float* a, nint rs, nint cs, float* b, float* b2, nint bStride, nint b2Stride, int kc, float* c, nint ldc, bool load)
        where TRows : struct, IRowCount
    {
        int rows = TRows.Value;
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (load)
        {
            c00 = Vector512.Load(c);
            c01 = Vector512.Load(c + 16);
            if (rows > 1)
            {
                c10 = Vector512.Load(c + ldc);
                c11 = Vector512.Load(c + ldc + 16);
            }
            if (rows > 2)
            {
                c20 = Vector512.Load(c + (2 * ldc));
                c21 = Vector512.Load(c + (2 * ldc) + 16);
            }
            if (rows > 3)
            {
                c30 = Vector512.Load(c + (3 * ldc));
                c31 = Vector512.Load(c + (3 * ldc) + 16);
            }
            if (rows > 4)
            {
                c40 = Vector512.Load(c + (4 * ldc));
                c41 = Vector512.Load(c + (4 * ldc) + 16);
            }
            if (rows > 5)
            {
                c50 = Vector512.Load(c + (5 * ldc));
                c51 = Vector512.Load(c + (5 * ldc) + 16);
            }
        }

        nint rs2 = 2 * rs;
        nint rs3 = 3 * rs;
        nint rs4 = 4 * rs;
        nint rs5 = 5 * rs;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b2);
            Vector512<float> x = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(x, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
            if (rows > 1)
            {
                x = Vector512.Create(a[rs]);
                c10 = Avx512F.FusedMultiplyAdd(x, b0, c10);
                c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
            }
            if (rows > 2)
            {
                x = Vector512.Create(a[rs2]);
                c20 = Avx512F.FusedMultiplyAdd(x, b0, c20);
                c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
            }
            if (rows > 3)
            {
                x = Vector512.Create(a[rs3]);
                c30 = Avx512F.FusedMultiplyAdd(x, b0, c30);
                c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
            }
            if (rows > 4)
            {
                x = Vector512.Create(a[rs4]);
                c40 = Avx512F.FusedMultiplyAdd(x, b0, c40);
                c41 = Avx512F.FusedMultiplyAdd(x, b1, c41);
            }
            if (rows > 5)
            {
                x = Vector512.Create(a[rs5]);
                c50 = Avx512F.FusedMultiplyAdd(x, b0, c50);
                c51 = Avx512F.FusedMultiplyAdd(x, b1, c51);
            }
            a += cs;
            b += bStride;
            b2 += b2Stride;
        }

        c00.Store(c);
        c01.Store(c + 16);
        if (rows > 1)
        {
            c10.Store(c + ldc);
            c11.Store(c + ldc + 16);
        }
        if (rows > 2)
        {
            c20.Store(c + (2 * ldc));
            c21.Store(c + (2 * ldc) + 16);
        }
        if (rows > 3)
        {
            c30.Store(c + (3 * ldc));
            c31.Store(c + (3 * ldc) + 16);
        }
        if (rows > 4)
        {
            c40.Store(c + (4 * ldc));
            c41.Store(c + (4 * ldc) + 16);
        }
        if (rows > 5)
        {
            c50.Store(c + (5 * ldc));
            c51.Store(c + (5 * ldc) + 16);
        }
    }
}
