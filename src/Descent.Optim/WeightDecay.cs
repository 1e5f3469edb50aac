using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// What an Adam-family update does to θ and g before its moments: g ← −g under maximize, then weight decay λ,
/// either decoupled, θ ← θ(1 − γλ), or as an L2 term, g ← g + λθ. The factors are rounded to float32 once, as
/// PyTorch applies Python numbers to float32 tensors.
/// </summary>
internal readonly struct WeightDecay
{
    private readonly float _shrink;  // 1 − γλ when decoupled, else 1 (multiplying by 1 is exact)
    private readonly float _l2;      // λ when coupled, else 0
    private readonly bool _maximize;

    public WeightDecay(double lr, double weightDecay, bool decoupled, bool maximize)
    {
        decoupled = decoupled && weightDecay != 0;
        _shrink = decoupled ? (float)(1 - lr * weightDecay) : 1f;
        _l2 = decoupled ? 0f : (float)weightDecay;
        _maximize = maximize;
    }

    /// <summary>θ after decoupled decay: θ(1 − γλ), or θ itself.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Shrink(float theta) => theta * _shrink;

    /// <summary>The gradient the moments see: ±g, plus λθ under coupled decay (θ as <see cref="Shrink(float)"/> left it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Gradient(float grad, float theta)
    {
        float g = _maximize ? -grad : grad;
        return _l2 != 0 ? g + _l2 * theta : g;
    }

    /// <inheritdoc cref="Shrink(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes Shrink<TLanes>(TLanes theta)
        where TLanes : struct, ILanes<TLanes> => theta * TLanes.Create(_shrink);

    /// <inheritdoc cref="Gradient(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes Gradient<TLanes>(TLanes grad, TLanes theta)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes g = _maximize ? -grad : grad;
        return _l2 != 0 ? g + TLanes.Create(_l2) * theta : g;
    }
}
