using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Descent.Kernels;

/// <summary>The vector operations of one register width that a GEMM register tile uses.</summary>
internal unsafe interface ITileVector<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Whether the second vector of a tile row comes from a second panel, rather than the next <see cref="Count"/> floats of the first.</summary>
    static abstract bool SeparateHalves { get; }

    static abstract TVector Load(float* source);

    static abstract void Store(TVector value, float* destination);

    static abstract TVector Broadcast(float value);

    /// <summary>x·y + acc, fused where the core has FMA.</summary>
    static abstract TVector MulAdd(TVector x, TVector y, TVector acc);
}

/// <summary>256-bit tiles: one or two vectors of 8 columns per row, from one panel.</summary>
internal readonly unsafe struct TileVector256 : ITileVector<Vector256<float>>
{
    public static int Count => 8;

    public static bool SeparateHalves => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, float* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MulAdd(Vector256<float> x, Vector256<float> y, Vector256<float> acc)
    {
        return Fma.IsSupported ? Fma.MultiplyAdd(x, y, acc) : (x * y) + acc;
    }
}

/// <summary>512-bit tiles, for cores with AVX-512: two vectors of 16 columns per row, from two panels.</summary>
internal readonly unsafe struct TileVector512 : ITileVector<Vector512<float>>
{
    public static int Count => 16;

    public static bool SeparateHalves => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, float* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MulAdd(Vector512<float> x, Vector512<float> y, Vector512<float> acc)
    {
        return Avx512F.FusedMultiplyAdd(x, y, acc);
    }
}
