using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The element-wise passes of the Adafactor update, as <see cref="Adafactor"/> documents them: the update U from the
/// variance estimate (factored: s0 holds V̂ and receives U; vector: s0 is V, s1 receives U), then the step (U passed
/// as the gradient). Scalars are float32, as PyTorch applies Python numbers to float32 tensors.
/// </summary>
internal readonly struct AdafactorOperator : IUpdateOperator
{
    private const int FactoredPass = 0, VectorPass = 1, ApplyPass = 2;

    private readonly int _pass;
    private readonly bool _maximize;
    private readonly float _weight;     // t^τ, the lerp weight of the second moment
    private readonly float _eps1Sq;     // ε₁², computed in double and rounded once, as PyTorch's clamp_(min=eps1 * eps1)
    private readonly float _shrink;     // 1 − γλ
    private readonly float _step;       // −α / max(1, RMS(U)/d)

    private AdafactorOperator(AdafactorOptions o, int pass, float weight, float step)
    {
        _pass = pass;
        _maximize = o.Maximize;
        _weight = weight;
        _eps1Sq = (float)(o.Eps1 * o.Eps1);
        _shrink = o.WeightDecay != 0 ? (float)(1 - o.Lr * o.WeightDecay) : 1f;
        _step = step;
    }

    /// <summary>U ← g / √max(V̂, ε₁²) over the estimate in s0.</summary>
    public static AdafactorOperator Factored(AdafactorOptions o) => new(o, FactoredPass, 0, 0);

    /// <summary>V ← lerp(V, g², w) in s0, then U ← g / √max(V, ε₁²) into s1.</summary>
    public static AdafactorOperator Vector(AdafactorOptions o, float weight) => new(o, VectorPass, weight, 0);

    /// <summary>θ ← θ(1 − γλ) + step·U, with U passed as the gradient.</summary>
    public static AdafactorOperator Apply(AdafactorOptions o, double step) => new(o, ApplyPass, 0, (float)step);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float s0, ref float s1, ref float unused)
    {
        switch (_pass)
        {
            case ApplyPass:
                theta = theta * _shrink + _step * grad;                       // here grad is U
                return;
            case FactoredPass:
                s0 = 1f / MathF.Sqrt(MathF.Max(s0, _eps1Sq)) * (_maximize ? -grad : grad);
                return;
            default:
                float g = _maximize ? -grad : grad;
                s0 = Lerp.Of(s0, g * g, _weight);                               // V ← lerp(V, g², w)
                s1 = 1f / MathF.Sqrt(MathF.Max(s0, _eps1Sq)) * g;            // U ← g / √max(V, ε₁²)
                return;
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes s0, ref TLanes s1, ref TLanes unused)
        where TLanes : struct, ILanes<TLanes>
    {
        switch (_pass)
        {
            case ApplyPass:
                theta = theta * TLanes.Create(_shrink) + TLanes.Create(_step) * grad;
                return;
            case FactoredPass:
                s0 = TLanes.One / TLanes.Sqrt(TLanes.Max(s0, TLanes.Create(_eps1Sq))) * (_maximize ? -grad : grad);
                return;
            default:
                TLanes g = _maximize ? -grad : grad;
                TLanes v = s0 = Lerp.Of(s0, g * g, _weight);
                s1 = TLanes.One / TLanes.Sqrt(TLanes.Max(v, TLanes.Create(_eps1Sq))) * g;
                return;
        }
    }
}
