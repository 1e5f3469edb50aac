using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The AdEMAMix update of one element (θ, m₁ unless β₁ = 0, m₂ and v), as <see cref="AdEMAMix"/> documents it, with
/// its scalars in float32 as PyTorch applies Python numbers to float32 tensors.
/// </summary>
internal readonly struct AdEMAMixOperator : IUpdateOperator
{
    private readonly bool _fast;
    private readonly float _beta1, _oneMinusBeta1;
    private readonly float _beta2, _oneMinusBeta2;
    private readonly float _beta3, _oneMinusBeta3;
    private readonly float _biasCorrection1;      // 1 − β₁ᵗ
    private readonly float _biasCorrection2Sqrt;  // √(1 − β₂ᵗ)
    private readonly float _eps;
    private readonly float _alpha;
    private readonly float _decay;
    private readonly float _negLr;

    /// <summary>The update at <paramref name="step"/> (from 1), with β₃ and α as the warmups give them there.</summary>
    public AdEMAMixOperator(AdEMAMixOptions o, int step, double beta3, double alpha)
    {
        double beta1 = o.Betas[0], beta2 = o.Betas[1];
        _fast = beta1 != 0;
        (_beta1, _oneMinusBeta1) = ((float)beta1, (float)(1 - beta1));
        (_beta2, _oneMinusBeta2) = ((float)beta2, (float)(1 - beta2));
        (_beta3, _oneMinusBeta3) = ((float)beta3, (float)(1 - beta3));
        _biasCorrection1 = (float)(1 - Math.Pow(beta1, step));
        _biasCorrection2Sqrt = (float)Math.Sqrt(1 - Math.Pow(beta2, step));
        _eps = (float)o.Eps;
        _alpha = (float)alpha;
        _decay = (float)o.WeightDecay;
        _negLr = (float)-o.Lr;
    }

    /// <summary>A square root and two divisions per element: worth 512 bits, as Adam.</summary>
    public static bool IsWide => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float g, ref float m1, ref float m2, ref float v)
    {
        float fast = _fast ? m1 = m1 * _beta1 + _oneMinusBeta1 * g : g;  // m₁ ← β₁m₁ + (1 − β₁)g, or g when β₁ = 0
        m2 = m2 * _beta3 + _oneMinusBeta3 * g;                          // m₂ ← β₃m₂ + (1 − β₃)g
        v = v * _beta2 + _oneMinusBeta2 * g * g;                        // v ← β₂v + (1 − β₂)g²
        float denom = MathF.Sqrt(v) / _biasCorrection2Sqrt + _eps;      // √v / √(1 − β₂ᵗ) + ε
        float u = (fast / _biasCorrection1 + _alpha * m2) / denom;      // (m₁ / (1 − β₁ᵗ) + αm₂) / denom
        if (_decay != 0)
        {
            u = u + _decay * theta;                                     // u ← u + λθ
        }
        theta = theta + _negLr * u;                                     // θ ← θ − γu
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes g, ref TLanes m1, ref TLanes m2, ref TLanes v)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes fast = _fast ? m1 = m1 * TLanes.Create(_beta1) + TLanes.Create(_oneMinusBeta1) * g : g;
        TLanes slow = m2 = m2 * TLanes.Create(_beta3) + TLanes.Create(_oneMinusBeta3) * g;
        TLanes vk = v = v * TLanes.Create(_beta2) + TLanes.Create(_oneMinusBeta2) * g * g;
        TLanes denom = TLanes.Sqrt(vk) / TLanes.Create(_biasCorrection2Sqrt) + TLanes.Create(_eps);
        TLanes u = (fast / TLanes.Create(_biasCorrection1) + TLanes.Create(_alpha) * slow) / denom;
        TLanes t = theta;
        if (_decay != 0)
        {
            u = u + TLanes.Create(_decay) * t;
        }
        theta = t + TLanes.Create(_negLr) * u;
    }
}
