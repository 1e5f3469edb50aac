using System.Runtime.Intrinsics;

namespace Descent.Kernels;

/// <summary>
/// Single-precision matrix multiplication for row-major matrices, blocked for cache and registers around a
/// 6×16 <see cref="Vector256{T}"/> micro-kernel (6×32 in <see cref="Vector512{T}"/> registers over pairs of panels
/// where the core has AVX-512), and split across threads on large problems.
/// </summary>
/// <remarks>
/// <para>
/// The work is split by responsibility: this class checks arguments and picks a path; <see cref="GemmProblem"/>
/// owns the cache blocking, the split across threads (<see cref="GemmParallelJob"/>) and the one plan that walks a
/// block in register tiles; <see cref="GemmPacking"/> copies operands into panels; <see cref="GemmKernels"/> holds
/// the register tiles. <see cref="GemmNarrow"/> is the one special path, for
/// products with fewer than 8 output columns, with its measurement.
/// </para>
/// <para>
/// Problems of more than a few microseconds are split by rows or by columns of C into chunks that the calling
/// thread and the helpers of <see cref="WorkerPool.Shared"/> claim.
/// </para>
/// <para>
/// Every element of C is accumulated by one thread in one order, k ascending with one multiply-add per term, in
/// every code path that a given machine runs. Results are therefore bitwise identical for any thread count and
/// any split of the work.
/// </para>
/// </remarks>
internal static unsafe class Gemm
{
    // A 6×16 tile takes 12 accumulators, plus 2 vectors of B and 1 broadcast of A: 15 of the 16 ymm registers.
    internal const int Mr = 6;
    internal const int Nr = 16;

    // A Kc×16 panel of B (16 KiB) stays in L1 while the row tiles of an Mc×Kc block of A (72 KiB) stream
    // past it from L2.
    internal const int Kc = 256;
    internal const int Mc = 72;

    // Problems with fewer multiply-adds than this stay on the calling thread. The worker pool's spinning helpers
    // take a dispatch in about 0.1 µs, but splitting the spam model's 182k products in its training loop gained about
    // 1 µs per step while the second core was free and cost about 10 µs per step while this shared 2-core machine's
    // second core was busy; from 2^20 the split pays either way (1.5× at 2^20 on 2 cores).
    private const long ParallelThreshold = 1L << 20;

    /// <summary>
    /// Upper bound on the threads one call may use; zero or negative means <see cref="Environment.ProcessorCount"/>.
    /// Results are bitwise identical for every value.
    /// </summary>
    internal static int MaxDegreeOfParallelism { get; set; }

    /// <summary>
    /// Effectively computes c[i,j] = (accumulate ? c[i,j] : 0) + Σ_p opA(a)[i,p] · opB(b)[p,j].
    /// </summary>
    /// <param name="a">m×k row-major, or k×m when <paramref name="transA"/>; exactly m·k elements.</param>
    /// <param name="b">k×n row-major, or n×k when <paramref name="transB"/>; exactly k·n elements.</param>
    /// <param name="c">m×n row-major; exactly m·n elements; must not overlap <paramref name="a"/> or <paramref name="b"/>.</param>
    /// <param name="m">Rows of C.</param>
    /// <param name="k">Inner dimension.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="transA">Whether opA(a) is the transpose of the stored k×m matrix.</param>
    /// <param name="transB">Whether opB(b) is the transpose of the stored n×k matrix.</param>
    /// <param name="accumulate">Whether to add to the contents of <paramref name="c"/> rather than overwrite them.</param>
    /// <exception cref="ArgumentException">A dimension is negative, a length does not match, or c overlaps a or b.</exception>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int k, int n, bool transA = false, bool transB = false, bool accumulate = false)
    {
        Multiply(a, b, c, m, k, n, transA, transB, accumulate, MaxDegreeOfParallelism, GemmPaths.All);
    }

    /// <summary>
    /// <see cref="Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, bool, bool)"/>
    /// with an explicit thread cap and a choice of code paths, for tests and benchmarks.
    /// </summary>
    internal static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int k, int n, bool transA, bool transB, bool accumulate, int maxDegreeOfParallelism, GemmPaths paths)
    {
        Validate(a, b, c, m, k, n);
        if (m == 0 || n == 0)
        {
            return;
        }
        if (k == 0)
        {
            if (!accumulate)
            {
                c.Clear();
            }
            return;
        }

        int threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        if ((long)m * n * k < ParallelThreshold)
        {
            threads = 1;
        }

        bool simd = (paths & GemmPaths.Simd) != 0 && Vector256.IsHardwareAccelerated;
        bool wide = (paths & GemmPaths.Wide) != 0;
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            if (simd && (paths & GemmPaths.Narrow) != 0 && GemmNarrow.Applies(m, n, transA, transB))
            {
                GemmNarrow.Multiply(pa, pb, pc, m, k, n, accumulate, wide, threads);
                return;
            }
            new GemmProblem(pa, pb, pc, m, k, n, transA, transB, accumulate, simd, wide).Run(threads);
        }
    }

    /// <summary>
    /// Scalar reference with the contract of
    /// <see cref="Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, bool, bool)"/>:
    /// a plain triple loop that accumulates in double. Slow; the ground truth for tests.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative, a length does not match, or c overlaps a or b.</exception>
    public static void MultiplyReference(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int k, int n, bool transA = false, bool transB = false, bool accumulate = false)
    {
        Validate(a, b, c, m, k, n);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[(i * n) + j] : 0.0;
                for (int p = 0; p < k; p++)
                {
                    float x = transA ? a[(p * m) + i] : a[(i * k) + p];
                    float y = transB ? b[(j * k) + p] : b[(p * n) + j];
                    sum += (double)x * y;
                }
                c[(i * n) + j] = (float)sum;
            }
        }
    }

    private static void Validate(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        if (m < 0 || k < 0 || n < 0)
        {
            throw new ArgumentException($"Matrix dimensions must be non-negative, got m={m}, k={k}, n={n}.");
        }
        if (a.Length != (long)m * k)
        {
            throw new ArgumentException($"Expected a to hold m*k = {m}*{k} = {(long)m * k} elements, got {a.Length}.", nameof(a));
        }
        if (b.Length != (long)k * n)
        {
            throw new ArgumentException($"Expected b to hold k*n = {k}*{n} = {(long)k * n} elements, got {b.Length}.", nameof(b));
        }
        if (c.Length != (long)m * n)
        {
            throw new ArgumentException($"Expected c to hold m*n = {m}*{n} = {(long)m * n} elements, got {c.Length}.", nameof(c));
        }
        if (c.Overlaps(a) || c.Overlaps(b))
        {
            throw new ArgumentException("The output c must not overlap the inputs a or b.", nameof(c));
        }
    }
}
