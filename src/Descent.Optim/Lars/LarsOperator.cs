using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The two passes of the LARS update of one element, as <see cref="Lars"/> documents it: the direction u (θ read, g,
/// u written) and the step (θ, u passed as the gradient, and the trace b), with float32 scalars as optax's.
/// </summary>
internal readonly struct LarsOperator : IUpdateOperator
{
    private readonly bool _apply;
    private readonly float _weightDecay;
    private readonly float _ratio;
    private readonly bool _scaled;
    private readonly float _negLr;
    private readonly float _momentum;
    private readonly bool _nesterov;

    private LarsOperator(LarsOptions o, bool apply, float ratio, bool scaled)
    {
        _apply = apply;
        _weightDecay = o.WeightDecayMask ? (float)o.WeightDecay : 0f;
        _ratio = ratio;
        _scaled = scaled;
        _negLr = (float)-o.Lr;
        _momentum = (float)o.Momentum;
        _nesterov = o.Nesterov;
    }

    /// <summary>The first pass: u ← g + λθ.</summary>
    public static LarsOperator Direction(LarsOptions o) => new(o, apply: false, 1f, scaled: false);

    /// <summary>The second pass, with trust ratio <paramref name="ratio"/> where <paramref name="scaled"/>.</summary>
    public static LarsOperator Apply(LarsOptions o, float ratio, bool scaled) => new(o, apply: true, ratio, scaled);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float s0, ref float unused1, ref float unused2)
    {
        if (!_apply)
        {
            s0 = _weightDecay != 0 ? grad + _weightDecay * theta : grad;   // u ← g + λθ
            return;
        }
        // Here grad is u and s0 the trace b.
        float s = (_scaled ? grad * _ratio : grad) * _negLr;            // s ← −γ·r·u
        float b = s0 = s + _momentum * s0;                              // b ← s + μb
        theta = theta + (_nesterov ? s + _momentum * b : b);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes s0, ref TLanes unused1, ref TLanes unused2)
        where TLanes : struct, ILanes<TLanes>
    {
        if (!_apply)
        {
            s0 = _weightDecay != 0 ? grad + TLanes.Create(_weightDecay) * theta : grad;
            return;
        }
        TLanes mu = TLanes.Create(_momentum);
        TLanes s = (_scaled ? grad * TLanes.Create(_ratio) : grad) * TLanes.Create(_negLr);
        TLanes b = s0 = s + mu * s0;
        theta = theta + (_nesterov ? s + mu * b : b);
    }
}
