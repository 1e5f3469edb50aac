namespace Descent.Kernels;

/// <summary>How <see cref="ElementwiseUpdate"/> runs one update.</summary>
/// <param name="Reference">Run the operator's scalar form over every element on the calling thread (for tests that
/// hold the vector forms to it).</param>
/// <param name="MaxThreads">The most threads the fast path may use, the caller included; zero or less means every
/// core. Results are bitwise the same for every value.</param>
public readonly record struct UpdatePath(bool Reference = false, int MaxThreads = 0);
