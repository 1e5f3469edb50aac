using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
    public void Invoke(ref Vector256<float> theta, Vector256<float> grad, ref Vector256<float> m, ref Vector256<float> unused1,
        ref Vector256<float> unused2)
    {
        Vector256<float> t = _decay.Shrink(theta), mk = m;
        Vector256<float> c = mk * Vector256.Create(_beta1) + Vector256.Create(_oneMinusBeta1) * grad;
        Vector256<float> one = Vector256<float>.One;
        Vector256<float> sign = (Vector256.GreaterThan(c, Vector256<float>.Zero) & one) - (Vector256.LessThan(c, Vector256<float>.Zero) & one);
        theta = t + Vector256.Create(_negLr) * sign;
        m = mk * Vector256.Create(_beta2) + Vector256.Create(_oneMinusBeta2) * grad;
    }
}
