using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The running moment estimates of the Adam family, computed as current PyTorch does on float32 tensors:
/// m ← lerp(m, g, 1 − β₁) and v ← β₂v + (1 − β₂)g².
/// </summary>
internal readonly struct Moments
{
    private readonly float _weight;         // 1 − β₁, the lerp weight
    private readonly float _oneMinusWeight; // 1 − (1 − β₁), in float32 as PyTorch's lerp computes it
    private readonly bool _smallWeight;
    private readonly float _beta2;
    private readonly float _oneMinusBeta2;

    public Moments((double Beta1, double Beta2) betas)
    {
        _weight = (float)(1 - betas.Beta1);
        _oneMinusWeight = 1f - _weight;
        _smallWeight = Math.Abs(_weight) < 0.5f;
        _beta2 = (float)betas.Beta2;
        _oneMinusBeta2 = (float)(1 - betas.Beta2);
    }

    /// <summary>1 − βᵗ, in double from the step count.</summary>
    public static double BiasCorrection(double beta, int step) => 1 - Math.Pow(beta, step);

    /// <summary>m ← m + (1 − β₁)(g − m). Like PyTorch's lerp, a weight of ½ or more computes g − (g − m)β₁ instead, which rounds better there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float First(float m, float g) => _smallWeight ? m + _weight * (g - m) : g - (g - m) * _oneMinusWeight;

    /// <summary>v ← β₂v + (1 − β₂)g².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Second(float v, float g) => v * _beta2 + _oneMinusBeta2 * g * g;

    /// <inheritdoc cref="First(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes First<TLanes>(TLanes m, TLanes g)
        where TLanes : struct, ILanes<TLanes> => _smallWeight
        ? m + TLanes.Create(_weight) * (g - m)
        : g - (g - m) * TLanes.Create(_oneMinusWeight);

    /// <inheritdoc cref="Second(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes Second<TLanes>(TLanes v, TLanes g)
        where TLanes : struct, ILanes<TLanes> =>
        v * TLanes.Create(_beta2) + TLanes.Create(_oneMinusBeta2) * g * g;
}
