using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// PyTorch's <c>lerp(start, end, w)</c> with a scalar weight on float32: start + w(end − start) when |w| &lt; ½, else
/// end − (end − start)(1 − w), which rounds better there; w and 1 − w in float32, as PyTorch computes them.
/// </summary>
internal readonly struct LerpWeight
{
    private readonly float _weight;
    private readonly float _oneMinusWeight;
    private readonly bool _small;

    public LerpWeight(double weight)
    {
        _weight = (float)weight;
        _oneMinusWeight = 1f - _weight;
        _small = Math.Abs(_weight) < 0.5f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Apply(float start, float end) => _small ? start + _weight * (end - start) : end - (end - start) * _oneMinusWeight;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes Apply<TLanes>(TLanes start, TLanes end)
        where TLanes : struct, ILanes<TLanes> => _small
        ? start + TLanes.Create(_weight) * (end - start)
        : end - (end - start) * TLanes.Create(_oneMinusWeight);
}
