namespace Descent.Kernels;

/// <summary>
/// The code paths one GEMM call may take, for tests and benchmarks that check or time each on its own. Every
/// combination gives bitwise the same results on a given machine, except <see cref="Portable"/> against the vector
/// paths on a core without FMA.
/// </summary>
[Flags]
internal enum GemmPaths
{
    /// <summary>The portable scalar micro-kernel only.</summary>
    Portable = 0,

    /// <summary>The 256-bit micro-kernels, where the hardware accelerates <c>Vector256</c>.</summary>
    Simd = 1,

    /// <summary>With <see cref="Simd"/>: the 512-bit tile over two panels (<see cref="GemmKernels.WideTile"/>), where the core has AVX-512.</summary>
    Wide = 2,

    /// <summary>With <see cref="Simd"/>: products with fewer than 8 output columns computed as their transpose (<see cref="GemmNarrow"/>).</summary>
    Narrow = 4,

    /// <summary>Every path the machine supports: what <see cref="Gemm.Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, bool, bool)"/> uses.</summary>
    All = Simd | Wide | Narrow,
}
