namespace Descent.Kernels;

/// <summary>
/// A count known to the JIT (rows of a GEMM register tile, vectors per row), so that each instantiation of a
/// kernel carries only the rows and vectors it needs.
/// </summary>
internal interface ITileCount
{
    static abstract int Value { get; }
}

// Marker types, one line each, kept beside the interface they stand for.
internal readonly struct Rows1 : ITileCount { public static int Value => 1; }
internal readonly struct Rows2 : ITileCount { public static int Value => 2; }
internal readonly struct Rows3 : ITileCount { public static int Value => 3; }
internal readonly struct Rows4 : ITileCount { public static int Value => 4; }
internal readonly struct Rows5 : ITileCount { public static int Value => 5; }
internal readonly struct Rows6 : ITileCount { public static int Value => 6; }
internal readonly struct Vectors1 : ITileCount { public static int Value => 1; }
internal readonly struct Vectors2 : ITileCount { public static int Value => 2; }
