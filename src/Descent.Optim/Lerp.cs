using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// PyTorch's lerp of float32 tensors with a scalar weight w: a + w(b − a) for w &lt; ½, else b − (b − a)(1 − w),
/// which rounds better there (and gives b exactly at w = 1).
/// </summary>
internal static class Lerp
{
    /// <summary>lerp(a, b, w) of one element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(float a, float b, float w) => w < 0.5f ? a + w * (b - a) : b - (b - a) * (1f - w);

    /// <inheritdoc cref="Of(float, float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Of<TLanes>(TLanes a, TLanes b, float w)
        where TLanes : struct, ILanes<TLanes> => w < 0.5f
        ? a + TLanes.Create(w) * (b - a)
        : b - (b - a) * TLanes.Create(1f - w);
}
