namespace Descent.Kernels;

/// <summary>
/// C = A·Bᵀ for a C of fewer than 8 columns, as a linear layer with few outputs computes, through its transpose
/// Cᵀ = B·Aᵀ. The general plan would pad each row tile to 8 columns and transpose B into a panel element by
/// element, while here A is the operand packed into full 16-wide panels. Each element of C takes the same
/// multiply-adds in the same order either way, so results are bitwise those of the general plan.
/// </summary>
/// <remarks>
/// Evidence: the spam model's 100→2 layer (forward 32 × 100 × 2) ran at 13.6 GFLOP/s through the general plan and
/// 40 GFLOP/s this way when the path was added, and at 11.7 against 36.2 GFLOP/s when re-measured on 2026-12-03
/// (bench/RESULTS.md, "GEMM split by responsibility"). <see cref="GemmPaths.Narrow"/> turns this path off, so that
/// tests and benchmarks can compare the two.
/// </remarks>
internal static unsafe class GemmNarrow
{
    // The most elements of C that are transposed through the stack.
    private const int OutputLimit = 4096;

    /// <summary>Whether a product of this shape and layout takes this path.</summary>
    public static bool Applies(int m, int n, bool transA, bool transB)
    {
        return transB && !transA && n < 8 && m >= Gemm.Nr && (long)m * n <= OutputLimit;
    }

    /// <summary>C (m×n) = (accumulate ? C : 0) + A (m×k) · Bᵀ, with B stored n×k.</summary>
    public static void Multiply(float* a, float* b, float* c, int m, int k, int n, bool accumulate, bool wide, int threads)
    {
        float* ct = stackalloc float[m * n];
        if (accumulate)
        {
            Transpose(c, m, n, ct);
        }
        // Cᵀ (n×m) = B (n×k, as stored) · opB, where opB = Aᵀ: A stored m×k read transposed.
        new GemmProblem(b, a, ct, n, k, m, transA: false, transB: true, accumulate, simd: true, wide).Run(threads);
        Transpose(ct, n, m, c);
    }

    /// <summary>Writes the transpose of the rows × columns matrix <paramref name="source"/> to <paramref name="destination"/>.</summary>
    private static void Transpose(float* source, int rows, int columns, float* destination)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                destination[(j * rows) + i] = source[(i * columns) + j];
            }
        }
    }
}
