using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// Prodigy's parameter step, the second pass of <see cref="Prodigy"/> (θ from m, or from g when β₁ = 0, and v),
/// with its scalars rounded to float32 once, as PyTorch applies Python numbers to float32 tensors.
/// </summary>
internal readonly struct ProdigyOperator : IUpdateOperator
{
    private readonly float _dEps;       // d·ε, with the new d
    private readonly float _decayStep;  // −λ·dlr when decoupled, else 0
    private readonly bool _momentum;    // β₁ > 0
    private readonly float _l2;         // λ when coupled, else 0 (the gradient stands in for m without momentum)
    private readonly float _step;       // −dlr, or −dlr·d without momentum

    /// <summary>The step with the step size <paramref name="dlr"/> the first pass used and the estimate <paramref name="d"/> it produced.</summary>
    public ProdigyOperator(ProdigyOptions o, bool decouple, bool momentum, double dlr, double d)
    {
        _dEps = (float)(d * o.Eps);
        bool decay = o.WeightDecay != 0;
        _decayStep = decay && decouple ? (float)(-o.WeightDecay * dlr) : 0f;
        _l2 = decay && !decouple ? (float)o.WeightDecay : 0f;
        _momentum = momentum;
        _step = momentum ? (float)-dlr : (float)(-dlr * d);
    }

    /// <summary>A square root and a division per element: worth 512 bits, as Adam.</summary>
    public static bool IsWide => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float m, ref float v, ref float unused)
    {
        float denom = MathF.Sqrt(v) + _dEps;                            // √v + dε
        float t = theta;
        float numerator = _momentum ? m : _l2 != 0 ? grad + _l2 * t : grad;
        if (_decayStep != 0)
        {
            t = t + _decayStep * t;                                     // θ ← θ − λ·dlr·θ
        }
        theta = t + _step * numerator / denom;                          // θ ← θ − dlr·m / denom
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes m, ref TLanes v, ref TLanes unused)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes denom = TLanes.Sqrt(v) + TLanes.Create(_dEps);
        TLanes t = theta;
        TLanes numerator = _momentum ? m : _l2 != 0 ? grad + TLanes.Create(_l2) * t : grad;
        if (_decayStep != 0)
        {
            t = t + TLanes.Create(_decayStep) * t;
        }
        theta = t + TLanes.Create(_step) * numerator / denom;
    }
}
