using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Descent.Kernels;

/// <summary>
/// The GEMM's register tiles: up to 6 rows of C by 8 or 16 columns held in <see cref="Vector256{T}"/> accumulators
/// (and, in <see cref="GemmWideKernel"/>, 32 columns in <see cref="Vector512{T}"/> ones), each element accumulated
/// over k ascending with one multiply-add per term; and the portable kernel that does the same in scalars.
/// </summary>
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
            switch (rows)
            {
                case 6: Kernel16<Rows6>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                case 5: Kernel16<Rows5>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                case 4: Kernel16<Rows4>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                case 3: Kernel16<Rows3>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                case 2: Kernel16<Rows2>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                default: Kernel16<Rows1>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
            }
        }
        else
        {
            switch (rows)
            {
                case 6: Kernel8<Rows6>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                case 5: Kernel8<Rows5>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                case 4: Kernel8<Rows4>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                case 3: Kernel8<Rows3>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                case 2: Kernel8<Rows2>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                default: Kernel8<Rows1>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MulAdd(Vector256<float> x, Vector256<float> y, Vector256<float> acc)
    {
        return Fma.IsSupported ? Fma.MultiplyAdd(x, y, acc) : (x * y) + acc;
    }

    /// <summary>
    /// For ii &lt; TRows: c[ii*ldc + 0..16) = (load ? c[ii*ldc + 0..16) : 0) + Σ_p a[ii*rs + p*cs] · b[p*bStride + 0..16).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel16<TRows>(float* a, nint rs, nint cs, float* b, nint bStride, int kc, float* c, nint ldc, bool load)
        where TRows : struct, IRowCount
    {
        int rows = TRows.Value;
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (load)
        {
            c00 = Vector256.Load(c);
            c01 = Vector256.Load(c + 8);
            if (rows > 1)
            {
                c10 = Vector256.Load(c + ldc);
                c11 = Vector256.Load(c + ldc + 8);
            }
            if (rows > 2)
            {
                c20 = Vector256.Load(c + (2 * ldc));
                c21 = Vector256.Load(c + (2 * ldc) + 8);
            }
            if (rows > 3)
            {
                c30 = Vector256.Load(c + (3 * ldc));
                c31 = Vector256.Load(c + (3 * ldc) + 8);
            }
            if (rows > 4)
            {
                c40 = Vector256.Load(c + (4 * ldc));
                c41 = Vector256.Load(c + (4 * ldc) + 8);
            }
            if (rows > 5)
            {
                c50 = Vector256.Load(c + (5 * ldc));
                c51 = Vector256.Load(c + (5 * ldc) + 8);
            }
        }

        nint rs2 = 2 * rs;
        nint rs3 = 3 * rs;
        nint rs4 = 4 * rs;
        nint rs5 = 5 * rs;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> x = Vector256.Create(a[0]);
            c00 = MulAdd(x, b0, c00);
            c01 = MulAdd(x, b1, c01);
            if (rows > 1)
            {
                x = Vector256.Create(a[rs]);
                c10 = MulAdd(x, b0, c10);
                c11 = MulAdd(x, b1, c11);
            }
            if (rows > 2)
            {
                x = Vector256.Create(a[rs2]);
                c20 = MulAdd(x, b0, c20);
                c21 = MulAdd(x, b1, c21);
            }
            if (rows > 3)
            {
                x = Vector256.Create(a[rs3]);
                c30 = MulAdd(x, b0, c30);
                c31 = MulAdd(x, b1, c31);
            }
            if (rows > 4)
            {
                x = Vector256.Create(a[rs4]);
                c40 = MulAdd(x, b0, c40);
                c41 = MulAdd(x, b1, c41);
            }
            if (rows > 5)
            {
                x = Vector256.Create(a[rs5]);
                c50 = MulAdd(x, b0, c50);
                c51 = MulAdd(x, b1, c51);
            }
            a += cs;
            b += bStride;
        }

        c00.Store(c);
        c01.Store(c + 8);
        if (rows > 1)
        {
            c10.Store(c + ldc);
            c11.Store(c + ldc + 8);
        }
        if (rows > 2)
        {
            c20.Store(c + (2 * ldc));
            c21.Store(c + (2 * ldc) + 8);
        }
        if (rows > 3)
        {
            c30.Store(c + (3 * ldc));
            c31.Store(c + (3 * ldc) + 8);
        }
        if (rows > 4)
        {
            c40.Store(c + (4 * ldc));
            c41.Store(c + (4 * ldc) + 8);
        }
        if (rows > 5)
        {
            c50.Store(c + (5 * ldc));
            c51.Store(c + (5 * ldc) + 8);
        }
    }

    /// <summary><see cref="Kernel16{TRows}"/> for a panel 8 columns wide.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel8<TRows>(float* a, nint rs, nint cs, float* b, nint bStride, int kc, float* c, nint ldc, bool load)
        where TRows : struct, IRowCount
    {
        int rows = TRows.Value;
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        if (load)
        {
            c0 = Vector256.Load(c);
            if (rows > 1)
            {
                c1 = Vector256.Load(c + ldc);
            }
            if (rows > 2)
            {
                c2 = Vector256.Load(c + (2 * ldc));
            }
            if (rows > 3)
            {
                c3 = Vector256.Load(c + (3 * ldc));
            }
            if (rows > 4)
            {
                c4 = Vector256.Load(c + (4 * ldc));
            }
            if (rows > 5)
            {
                c5 = Vector256.Load(c + (5 * ldc));
            }
        }

        nint rs2 = 2 * rs;
        nint rs3 = 3 * rs;
        nint rs4 = 4 * rs;
        nint rs5 = 5 * rs;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            c0 = MulAdd(Vector256.Create(a[0]), b0, c0);
            if (rows > 1)
            {
                c1 = MulAdd(Vector256.Create(a[rs]), b0, c1);
            }
            if (rows > 2)
            {
                c2 = MulAdd(Vector256.Create(a[rs2]), b0, c2);
            }
            if (rows > 3)
            {
                c3 = MulAdd(Vector256.Create(a[rs3]), b0, c3);
            }
            if (rows > 4)
            {
                c4 = MulAdd(Vector256.Create(a[rs4]), b0, c4);
            }
            if (rows > 5)
            {
                c5 = MulAdd(Vector256.Create(a[rs5]), b0, c5);
            }
            a += cs;
            b += bStride;
        }

        c0.Store(c);
        if (rows > 1)
        {
            c1.Store(c + ldc);
        }
        if (rows > 2)
        {
            c2.Store(c + (2 * ldc));
        }
        if (rows > 3)
        {
            c3.Store(c + (3 * ldc));
        }
        if (rows > 4)
        {
            c4.Store(c + (4 * ldc));
        }
        if (rows > 5)
        {
            c5.Store(c + (5 * ldc));
        }
    }

    /// <summary>Portable counterpart of <see cref="Kernel16{TRows}"/> and <see cref="Kernel8{TRows}"/>, for hardware without 256-bit vectors.</summary>
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
