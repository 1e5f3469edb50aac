using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The two passes of the LAMB update of one element, as <see cref="Lamb"/> documents it: the direction (θ read, g, m,
/// v and u written) and the step (θ and u, passed as the gradient). Scalars are float32, as optax computes them
/// (the bias corrections 1 − βᵗ are rounded to float32 once, then divide).
/// </summary>
internal readonly struct LambOperator : IUpdateOperator
{
    private readonly bool _apply;
    private readonly float _b1, _oneMinusB1, _b2, _oneMinusB2;
    private readonly float _biasCorrection1, _biasCorrection2; // 1 − β₁ᵗ, 1 − β₂ᵗ
    private readonly float _eps, _epsRoot, _weightDecay;
    private readonly float _ratio, _negLr;

    private LambOperator(LambOptions o, bool apply, int step, float ratio)
    {
        _apply = apply;
        _b1 = (float)o.B1;
        _oneMinusB1 = (float)(1 - o.B1);
        _b2 = (float)o.B2;
        _oneMinusB2 = (float)(1 - o.B2);
        _biasCorrection1 = (float)Moments.BiasCorrection(o.B1, step);
        _biasCorrection2 = (float)Moments.BiasCorrection(o.B2, step);
        _eps = (float)o.Eps;
        _epsRoot = (float)o.EpsRoot;
        _weightDecay = o.Mask ? (float)o.WeightDecay : 0f;
        _ratio = ratio;
        _negLr = (float)-o.Lr;
    }

    /// <summary>The first pass at step <paramref name="step"/>: moments and the direction u.</summary>
    public static LambOperator Direction(LambOptions o, int step) => new(o, apply: false, step, 1f);

    /// <summary>The second pass: θ ← θ + (r·u)·(−γ).</summary>
    public static LambOperator Apply(LambOptions o, float ratio) => new(o, apply: true, 1, ratio);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float m, ref float v, ref float u)
    {
        if (_apply)
        {
            theta = theta + _ratio * grad * _negLr;                     // here grad is u
            return;
        }
        m = _oneMinusB1 * grad + _b1 * m;                               // m ← (1 − β₁)g + β₁m
        v = _oneMinusB2 * (grad * grad) + _b2 * v;                      // v ← (1 − β₂)g² + β₂v
        float d = m / _biasCorrection1 / (MathF.Sqrt(v / _biasCorrection2 + _epsRoot) + _eps);
        u = _weightDecay != 0 ? d + _weightDecay * theta : d;           // u ← m̂ / (√(v̂ + ε_root) + ε) + λθ
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes m, ref TLanes v, ref TLanes u)
        where TLanes : struct, ILanes<TLanes>
    {
        if (_apply)
        {
            theta = theta + TLanes.Create(_ratio) * grad * TLanes.Create(_negLr);
            return;
        }
        TLanes mk = m = TLanes.Create(_oneMinusB1) * grad + TLanes.Create(_b1) * m;
        TLanes vk = v = TLanes.Create(_oneMinusB2) * (grad * grad) + TLanes.Create(_b2) * v;
        TLanes d = mk / TLanes.Create(_biasCorrection1)
            / (TLanes.Sqrt(vk / TLanes.Create(_biasCorrection2) + TLanes.Create(_epsRoot)) + TLanes.Create(_eps));
        u = _weightDecay != 0 ? d + TLanes.Create(_weightDecay) * theta : d;
    }
}
