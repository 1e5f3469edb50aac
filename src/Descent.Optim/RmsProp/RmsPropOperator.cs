using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>The RMSprop update of one element, as <see cref="RMSprop"/> documents it.</summary>
/// <remarks>
/// States: v, then ḡ (only when centered), then b (only with momentum). Each scalar is rounded to float32 once from
/// the double hyperparameters.
/// </remarks>
internal readonly struct RmsPropOperator(RmsPropOptions o) : IUpdateOperator
{
    // v and ḡ are the running second and first moments of g, both with decay α.
    private readonly Moments _averages = new((o.Alpha, o.Alpha));
    private readonly WeightDecay _decay = new(o.Lr, o.WeightDecay, decoupled: false, o.Maximize);
    private readonly float _eps = (float)o.Eps;
    private readonly float _momentum = (float)o.Momentum;
    private readonly float _negLr = (float)-o.Lr;
    private readonly bool _hasMomentum = o.Momentum > 0;
    private readonly bool _centered = o.Centered;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float v, ref float gAvg, ref float b)
    {
        float g = _decay.Gradient(grad, theta);
        v = _averages.Second(v, g);
        float d;
        if (_centered)
        {
            gAvg = _averages.First(gAvg, g);
            d = MathF.Sqrt(v - gAvg * gAvg) + _eps;
        }
        else
        {
            d = MathF.Sqrt(v) + _eps;
        }
        if (_hasMomentum)
        {
            b = b * _momentum + g / d;
            theta = theta + _negLr * b;
        }
        else
        {
            // PyTorch's addcdiv: θ + (value · g) / d.
            theta = theta + _negLr * g / d;
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes v, ref TLanes gAvg, ref TLanes b)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes t = theta, g = _decay.Gradient(grad, t), vk = v = _averages.Second(v, g);
        TLanes ak = _centered ? (gAvg = _averages.First(gAvg, g)) : default;
        TLanes d = TLanes.Sqrt(_centered ? vk - ak * ak : vk) + TLanes.Create(_eps);
        var negLr = TLanes.Create(_negLr);
        if (_hasMomentum)
        {
            TLanes bk = b = b * TLanes.Create(_momentum) + g / d;
            theta = t + negLr * bk;
        }
        else
        {
            theta = t + negLr * g / d;
        }
    }
}
