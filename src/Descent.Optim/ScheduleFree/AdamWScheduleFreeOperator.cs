using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The Schedule-Free AdamW update of one element (y = θ, z, v and, with inner momentum, m), as
/// <see cref="AdamWScheduleFree"/> documents it, with the step's scalars rounded to float32 once, as PyTorch applies
/// Python numbers to float32 tensors.
/// </summary>
internal readonly struct AdamWScheduleFreeOperator : IUpdateOperator
{
    private readonly float _beta2;
    private readonly float _oneMinusBeta2;
    private readonly float _biasCorrection2;   // 1 − β₂ᵏ⁺¹
    private readonly float _eps;
    private readonly float _inner;             // inner momentum μ
    private readonly float _oneMinusInner;
    private readonly float _biasCorrection1;   // 1 − μᵏ⁺¹
    private readonly bool _hasInner;
    private readonly float _decay;
    private readonly LerpWeight _average;      // c = weight / weight_sum
    private readonly float _yStep;             // γ(β₁(1 − c) − 1)
    private readonly float _lr;

    /// <summary>The update at the group's step k (counted from 0), with the scheduled γ and coefficient c.</summary>
    public AdamWScheduleFreeOperator(AdamWScheduleFreeOptions o, int k, double lr, double ckp1)
    {
        _beta2 = (float)o.Betas.Beta2;
        _oneMinusBeta2 = (float)(1 - o.Betas.Beta2);
        _biasCorrection2 = (float)(1 - Math.Pow(o.Betas.Beta2, k + 1));
        _eps = (float)o.Eps;
        _hasInner = o.InnerMomentum != 0;
        _inner = (float)o.InnerMomentum;
        _oneMinusInner = (float)(1 - o.InnerMomentum);
        _biasCorrection1 = (float)(1 - Math.Pow(o.InnerMomentum, k + 1));
        _decay = (float)o.WeightDecay;
        _average = new LerpWeight(ckp1);
        _yStep = (float)(lr * (o.Betas.Beta1 * (1 - ckp1) - 1));
        _lr = (float)lr;
    }

    /// <summary>A square root and a division per element: worth 512 bits, as Adam.</summary>
    public static bool IsWide => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float y, float grad, ref float z, ref float v, ref float m)
    {
        v = v * _beta2 + _oneMinusBeta2 * grad * grad;             // v ← β₂v + (1 − β₂)g²
        float denom = MathF.Sqrt(v / _biasCorrection2) + _eps;     // √(v / (1 − β₂ᵏ⁺¹)) + ε
        float u;
        if (_hasInner)
        {
            m = m * _inner + _oneMinusInner * grad;                // m ← μm + (1 − μ)g
            u = m / _biasCorrection1 / denom;
        }
        else
        {
            u = grad / denom;
        }
        if (_decay != 0)
        {
            u = u + _decay * y;                                    // decay taken at y
        }
        float zk = z;
        y = _average.Apply(y, zk);                                 // y ← lerp(y, z, c)
        y = y + _yStep * u;                                        // y ← y + γ(β₁(1 − c) − 1)u
        z = zk - _lr * u;                                          // z ← z − γu
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref Vector256<float> y, Vector256<float> grad, ref Vector256<float> z, ref Vector256<float> v, ref Vector256<float> m)
    {
        Vector256<float> vk = v = v * Vector256.Create(_beta2) + Vector256.Create(_oneMinusBeta2) * grad * grad;
        Vector256<float> denom = Vector256.Sqrt(vk / Vector256.Create(_biasCorrection2)) + Vector256.Create(_eps);
        Vector256<float> u;
        if (_hasInner)
        {
            Vector256<float> mk = m = m * Vector256.Create(_inner) + Vector256.Create(_oneMinusInner) * grad;
            u = mk / Vector256.Create(_biasCorrection1) / denom;
        }
        else
        {
            u = grad / denom;
        }
        Vector256<float> yk = y;
        if (_decay != 0)
        {
            u = u + Vector256.Create(_decay) * yk;
        }
        Vector256<float> zk = z;
        y = _average.Apply(yk, zk) + Vector256.Create(_yStep) * u;
        z = zk - Vector256.Create(_lr) * u;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref Vector512<float> y, Vector512<float> grad, ref Vector512<float> z, ref Vector512<float> v, ref Vector512<float> m)
    {
        Vector512<float> vk = v = v * Vector512.Create(_beta2) + Vector512.Create(_oneMinusBeta2) * grad * grad;
        Vector512<float> denom = Vector512.Sqrt(vk / Vector512.Create(_biasCorrection2)) + Vector512.Create(_eps);
        Vector512<float> u;
        if (_hasInner)
        {
            Vector512<float> mk = m = m * Vector512.Create(_inner) + Vector512.Create(_oneMinusInner) * grad;
            u = mk / Vector512.Create(_biasCorrection1) / denom;
        }
        else
        {
            u = grad / denom;
        }
        Vector512<float> yk = y;
        if (_decay != 0)
        {
            u = u + Vector512.Create(_decay) * yk;
        }
        Vector512<float> zk = z;
        y = _average.Apply(yk, zk) + Vector512.Create(_yStep) * u;
        z = zk - Vector512.Create(_lr) * u;
    }
}
