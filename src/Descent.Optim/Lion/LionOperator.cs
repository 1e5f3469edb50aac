using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The Lion update of one element (θ and m), as <see cref="Lion"/> documents it, with its scalars in float32 as the
/// reference applies Python numbers to float32 tensors.
/// </summary>
internal readonly struct LionOperator(LionOptions o) : IUpdateOperator
{
    private readonly WeightDecay _decay = new(o.Lr, o.WeightDecay, decoupled: true, maximize: false);
    private readonly float _beta1 = (float)o.Betas.Beta1;
    private readonly float _oneMinusBeta1 = (float)(1 - o.Betas.Beta1);
    private readonly float _beta2 = (float)o.Betas.Beta2;
    private readonly float _oneMinusBeta2 = (float)(1 - o.Betas.Beta2);
    private readonly float _negLr = (float)-o.Lr;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float m, ref float unused1, ref float unused2)
    {
        float t = _decay.Shrink(theta);                  // θ ← θ(1 − γλ)
        float c = m * _beta1 + _oneMinusBeta1 * grad;    // c ← β₁m + (1 − β₁)g
        float sign = c > 0 ? 1f : c < 0 ? -1f : 0f;
        theta = t + _negLr * sign;                       // θ ← θ − γ·sign(c)
        m = m * _beta2 + _oneMinusBeta2 * grad;          // m ← β₂m + (1 − β₂)g
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes m, ref TLanes unused1, ref TLanes unused2)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes t = _decay.Shrink(theta), mk = m;
        TLanes c = mk * TLanes.Create(_beta1) + TLanes.Create(_oneMinusBeta1) * grad;
        TLanes one = TLanes.One;
        TLanes sign = (TLanes.GreaterThan(c, TLanes.Zero) & one) - (TLanes.LessThan(c, TLanes.Zero) & one);
        theta = t + TLanes.Create(_negLr) * sign;
        m = mk * TLanes.Create(_beta2) + TLanes.Create(_oneMinusBeta2) * grad;
    }
}
