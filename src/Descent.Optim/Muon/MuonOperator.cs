using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The element-wise passes of the Muon update, as <see cref="Muon"/> documents them: the momentum (s0 is the buffer
/// B, s1 receives the direction to orthogonalize; θ is only read) and the step (the orthogonalized O passed as the
/// gradient). Scalars are float32, as PyTorch applies Python numbers to float32 tensors.
/// </summary>
internal readonly struct MuonOperator : IUpdateOperator
{
    private readonly bool _apply;
    private readonly float _oneMinusMomentum; // the lerp weight 1 − μ of B ← lerp(B, g, 1 − μ)
    private readonly float _momentum;
    private readonly bool _nesterov;
    private readonly float _shrink;           // 1 − γλ
    private readonly float _negLr;            // −γ adjusted to the shape

    private MuonOperator(MuonOptions o, bool apply, double adjustedLr)
    {
        _apply = apply;
        _oneMinusMomentum = (float)(1 - o.Momentum);
        _momentum = (float)o.Momentum;
        _nesterov = o.Nesterov;
        _shrink = (float)(1 - o.Lr * o.WeightDecay);
        _negLr = (float)-adjustedLr;
    }

    /// <summary>B ← lerp(B, g, 1 − μ); the direction lerp(g, B, μ) with Nesterov, else B.</summary>
    public static MuonOperator Momentum(MuonOptions o) => new(o, apply: false, 0);

    /// <summary>θ ← θ(1 − γλ) − γ′O, with O passed as the gradient.</summary>
    public static MuonOperator Apply(MuonOptions o, double adjustedLr) => new(o, apply: true, adjustedLr);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float b, ref float direction, ref float unused)
    {
        if (_apply)
        {
            theta = theta * _shrink + _negLr * grad;                      // here grad is O
            return;
        }
        b = Lerp.Of(b, grad, _oneMinusMomentum);                          // B ← lerp(B, g, 1 − μ)
        direction = _nesterov ? Lerp.Of(grad, b, _momentum) : b;          // lerp(g, B, μ) with Nesterov
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes b, ref TLanes direction, ref TLanes unused)
        where TLanes : struct, ILanes<TLanes>
    {
        if (_apply)
        {
            theta = theta * TLanes.Create(_shrink) + TLanes.Create(_negLr) * grad;
            return;
        }
        TLanes bk = b = Lerp.Of(b, grad, _oneMinusMomentum);
        direction = _nesterov ? Lerp.Of(grad, bk, _momentum) : bk;
    }
}
