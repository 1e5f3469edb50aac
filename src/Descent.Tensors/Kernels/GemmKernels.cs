using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Descent.Kernels;

/// <summary>
/// The GEMM's register tiles: up to 6 rows of C by one or two vectors of columns, 8 or 16 columns in
/// <see cref="Vector256{T}"/> accumulators (<see cref="TileVector256"/>) and 32 columns from two panels in
/// <see cref="Vector512{T}"/> ones (<see cref="TileVector512"/>), each element accumulated over k ascending with
/// one multiply-add per term; and the portable kernel that does the same in scalars.
/// </summary>
/// <remarks>
/// One generic kernel serves every width: the row count, the vectors per row and the register width are type
/// arguments, so the JIT emits one specialized loop per combination, without the dead rows or the second vector.
/// Each element takes the same fused multiply-adds in the same order in every width, so a 32-column tile gives
/// bitwise the results of two 16-column ones.
/// </remarks>
internal static unsafe class GemmKernels
{
    /// <summary>
    /// Runs the micro-kernel for a tile of <paramref name="rows"/> ≤ 6 rows and <paramref name="width"/> = 8 or 16
    /// columns: opA's rows at a + ii·rs, its terms at stride cs; B's rows at b, stride bStride. Without
    /// <paramref name="simd"/>, the portable kernel.
    /// </summary>
    public static void Tile(int width, int rows, float* a, nint rs, nint cs, float* b, nint bStride, int kc, float* c, nint ldc, bool load, bool simd)
    {
        if (!simd)
        {
            KernelScalar(rows, width, a, rs, cs, b, bStride, kc, c, ldc, load);
        }
        else if (width == Gemm.Nr)
        {
            Tile<Vectors2, TileVector256, Vector256<float>>(rows, a, rs, cs, b, null, bStride, 0, kc, c, ldc, load);
        }
        else
        {
            Tile<Vectors1, TileVector256, Vector256<float>>(rows, a, rs, cs, b, null, bStride, 0, kc, c, ldc, load);
        }
    }

    /// <summary>
    /// Runs the 512-bit micro-kernel for a tile of <paramref name="rows"/> ≤ 6 rows and 32 columns: columns 0–15
    /// from <paramref name="b"/> and 16–31 from <paramref name="b2"/>. For cores with AVX-512 only.
    /// </summary>
    /// <remarks>
    /// Zen 5 executes 512-bit FMAs at full width (130 → 260 GFLOP/s on a register-bound loop); with this tile the
    /// 784→512 products went from 257 to 447–484 GFLOP/s, and the spam weight gradient 100×32×57, whose 57 columns
    /// end in a full panel and a ragged one of 9 columns, from 122 to 172 GFLOP/s (bench/RESULTS.md); re-measured on
    /// 2026-12-03 it is 1.3–2× on every product with at least 25 columns. <see cref="GemmPaths.Wide"/> turns it off.
    /// </remarks>
    public static void WideTile(int rows, float* a, nint rs, nint cs, float* b, float* b2, nint bStride, nint b2Stride, int kc, float* c, nint ldc, bool load)
    {
        Tile<Vectors2, TileVector512, Vector512<float>>(rows, a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<THalves, TOps, TVector>(int rows, float* a, nint rs, nint cs, float* b, float* b2, nint bStride, nint b2Stride,
        int kc, float* c, nint ldc, bool load)
        where THalves : struct, ITileCount
        where TOps : struct, ITileVector<TVector>
        where TVector : struct
    {
        switch (rows)
        {
            case 6: Kernel<Rows6, THalves, TOps, TVector>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
            case 5: Kernel<Rows5, THalves, TOps, TVector>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
            case 4: Kernel<Rows4, THalves, TOps, TVector>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
            case 3: Kernel<Rows3, THalves, TOps, TVector>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
            case 2: Kernel<Rows2, THalves, TOps, TVector>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
            default: Kernel<Rows1, THalves, TOps, TVector>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
        }
    }

    /// <summary>
    /// For ii &lt; TRows and jj &lt; THalves·TOps.Count: c[ii*ldc + jj] = (load ? c[ii*ldc + jj] : 0) + Σ_p a[ii*rs + p*cs] · B[p, jj],
    /// where B[p, 0..Count) = b[p*bStride + 0..Count) and the second vector of a row, B[p, Count..2·Count), is
    /// b2[p*b2Stride + 0..Count) where <see cref="ITileVector{TVector}.SeparateHalves"/>, else b[p*bStride + Count..2·Count).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<TRows, THalves, TOps, TVector>(float* a, nint rs, nint cs, float* b, float* b2, nint bStride, nint b2Stride,
        int kc, float* c, nint ldc, bool load)
        where TRows : struct, ITileCount
        where THalves : struct, ITileCount
        where TOps : struct, ITileVector<TVector>
        where TVector : struct
    {
        int rows = TRows.Value;
        TVector c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        TVector c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (load)
        {
            LoadRow<THalves, TOps, TVector>(true, c, ref c00, ref c01);
            LoadRow<THalves, TOps, TVector>(rows > 1, c + ldc, ref c10, ref c11);
            LoadRow<THalves, TOps, TVector>(rows > 2, c + (2 * ldc), ref c20, ref c21);
            LoadRow<THalves, TOps, TVector>(rows > 3, c + (3 * ldc), ref c30, ref c31);
            LoadRow<THalves, TOps, TVector>(rows > 4, c + (4 * ldc), ref c40, ref c41);
            LoadRow<THalves, TOps, TVector>(rows > 5, c + (5 * ldc), ref c50, ref c51);
        }

        nint rs2 = 2 * rs;
        nint rs3 = 3 * rs;
        nint rs4 = 4 * rs;
        nint rs5 = 5 * rs;
        for (int p = 0; p < kc; p++)
        {
            TVector b0 = TOps.Load(b);
            TVector b1 = THalves.Value == 1 ? default : TOps.Load(TOps.SeparateHalves ? b2 : b + TOps.Count);
            StepRow<THalves, TOps, TVector>(true, a, b0, b1, ref c00, ref c01);
            StepRow<THalves, TOps, TVector>(rows > 1, a + rs, b0, b1, ref c10, ref c11);
            StepRow<THalves, TOps, TVector>(rows > 2, a + rs2, b0, b1, ref c20, ref c21);
            StepRow<THalves, TOps, TVector>(rows > 3, a + rs3, b0, b1, ref c30, ref c31);
            StepRow<THalves, TOps, TVector>(rows > 4, a + rs4, b0, b1, ref c40, ref c41);
            StepRow<THalves, TOps, TVector>(rows > 5, a + rs5, b0, b1, ref c50, ref c51);
            a += cs;
            b += bStride;
            if (TOps.SeparateHalves)
            {
                b2 += b2Stride;
            }
        }

        StoreRow<THalves, TOps, TVector>(true, c, c00, c01);
        StoreRow<THalves, TOps, TVector>(rows > 1, c + ldc, c10, c11);
        StoreRow<THalves, TOps, TVector>(rows > 2, c + (2 * ldc), c20, c21);
        StoreRow<THalves, TOps, TVector>(rows > 3, c + (3 * ldc), c30, c31);
        StoreRow<THalves, TOps, TVector>(rows > 4, c + (4 * ldc), c40, c41);
        StoreRow<THalves, TOps, TVector>(rows > 5, c + (5 * ldc), c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadRow<THalves, TOps, TVector>(bool active, float* c, ref TVector lo, ref TVector hi)
        where THalves : struct, ITileCount
        where TOps : struct, ITileVector<TVector>
        where TVector : struct
    {
        if (active)
        {
            lo = TOps.Load(c);
            if (THalves.Value == 2)
            {
                hi = TOps.Load(c + TOps.Count);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StepRow<THalves, TOps, TVector>(bool active, float* x, TVector b0, TVector b1, ref TVector lo, ref TVector hi)
        where THalves : struct, ITileCount
        where TOps : struct, ITileVector<TVector>
        where TVector : struct
    {
        if (active)
        {
            TVector broadcast = TOps.Broadcast(*x);
            lo = TOps.MulAdd(broadcast, b0, lo);
            if (THalves.Value == 2)
            {
                hi = TOps.MulAdd(broadcast, b1, hi);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<THalves, TOps, TVector>(bool active, float* c, TVector lo, TVector hi)
        where THalves : struct, ITileCount
        where TOps : struct, ITileVector<TVector>
        where TVector : struct
    {
        if (active)
        {
            TOps.Store(lo, c);
            if (THalves.Value == 2)
            {
                TOps.Store(hi, c + TOps.Count);
            }
        }
    }

    /// <summary>Portable counterpart of the 256-bit tiles, for hardware without 256-bit vectors.</summary>
    public static void KernelScalar(int rows, int width, float* a, nint rs, nint cs, float* b, nint bStride, int kc, float* c, nint ldc, bool load)
    {
        float* acc = stackalloc float[Gemm.Mr * Gemm.Nr];
        for (int ii = 0; ii < rows; ii++)
        {
            for (int jj = 0; jj < width; jj++)
            {
                acc[(ii * Gemm.Nr) + jj] = load ? c[(ii * ldc) + jj] : 0f;
            }
        }
        for (int p = 0; p < kc; p++)
        {
            for (int ii = 0; ii < rows; ii++)
            {
                float x = a[ii * rs];
                float* row = acc + (ii * Gemm.Nr);
                for (int jj = 0; jj < width; jj++)
                {
                    row[jj] += x * b[jj];
                }
            }
            a += cs;
            b += bStride;
        }
        for (int ii = 0; ii < rows; ii++)
        {
            for (int jj = 0; jj < width; jj++)
            {
                c[(ii * ldc) + jj] = acc[(ii * Gemm.Nr) + jj];
            }
        }
    }
}
