using System.Runtime.CompilerServices;
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
    public void Invoke<TLanes>(ref TLanes y, TLanes grad, ref TLanes z, ref TLanes v, ref TLanes m)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes vk = v = v * TLanes.Create(_beta2) + TLanes.Create(_oneMinusBeta2) * grad * grad;
        TLanes denom = TLanes.Sqrt(vk / TLanes.Create(_biasCorrection2)) + TLanes.Create(_eps);
        TLanes u;
        if (_hasInner)
        {
            TLanes mk = m = m * TLanes.Create(_inner) + TLanes.Create(_oneMinusInner) * grad;
            u = mk / TLanes.Create(_biasCorrection1) / denom;
        }
        else
        {
            u = grad / denom;
        }
        TLanes yk = y;
        if (_decay != 0)
        {
            u = u + TLanes.Create(_decay) * yk;
        }
        TLanes zk = z;
        y = _average.Apply(yk, zk) + TLanes.Create(_yStep) * u;
        z = zk - TLanes.Create(_lr) * u;
    }
}
