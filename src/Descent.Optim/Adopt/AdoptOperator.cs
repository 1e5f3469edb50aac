using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The ADOPT update of one element (θ, m and v), as <see cref="ADOPT"/> documents it, with its scalars in float32 as
/// PyTorch applies Python numbers to float32 tensors. The first step only fills v.
/// </summary>
internal readonly struct AdoptOperator : IUpdateOperator
{
    private readonly bool _first;
    private readonly bool _maximize;
    private readonly float _l2;            // λ when coupled, else 0
    private readonly float _decayStep;     // −γλ when decoupled, else 0
    private readonly float _eps;
    private readonly bool _clip;
    private readonly float _clipHigh;      // clip_lambda(step)
    private readonly float _clipLow;
    private readonly Moments _moments;
    private readonly float _negLr;

    /// <summary>The update at <paramref name="step"/> steps taken before it; <paramref name="clip"/> is clip_lambda(step) or null.</summary>
    public AdoptOperator(AdoptOptions o, int step, double? clip)
    {
        _first = step == 0;
        _maximize = o.Maximize;
        bool decay = o.WeightDecay != 0;
        _l2 = decay && !o.Decouple ? (float)o.WeightDecay : 0f;
        _decayStep = decay && o.Decouple ? (float)(-o.Lr * o.WeightDecay) : 0f;
        _eps = (float)o.Eps;
        _clip = clip is not null;
        _clipHigh = (float)(clip ?? 0);
        _clipLow = (float)-(clip ?? 0);
        _moments = new Moments(o.Betas);
        _negLr = (float)-o.Lr;
    }

    /// <summary>A square root and a division per element: worth 512 bits, as Adam.</summary>
    public static bool IsWide => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float m, ref float v, ref float unused)
    {
        float g = _maximize ? -grad : grad;
        if (_l2 != 0)
        {
            g = g + _l2 * theta;                                   // g ← g + λθ
        }
        if (_first)
        {
            v = v + g * g;                                         // v ← g² on the first step
            return;
        }
        float t = _decayStep != 0 ? theta + _decayStep * theta : theta; // θ ← θ − γλθ
        float normed = g / MathF.Max(MathF.Sqrt(v), _eps);        // g / max(√v, ε)
        if (_clip)
        {
            normed = MathF.Min(MathF.Max(normed, _clipLow), _clipHigh); // clamp to ±clip_lambda(step)
        }
        m = _moments.First(m, normed);                             // m ← lerp(m, ĝ, 1 − β₁)
        theta = t + _negLr * m;                                    // θ ← θ − γm
        v = _moments.Second(v, g);                                 // v ← β₂v + (1 − β₂)g²
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes m, ref TLanes v, ref TLanes unused)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes t = theta, vk = v;
        TLanes g = _maximize ? -grad : grad;
        if (_l2 != 0)
        {
            g = g + TLanes.Create(_l2) * t;
        }
        if (_first)
        {
            v = vk + g * g;
            return;
        }
        if (_decayStep != 0)
        {
            t = t + TLanes.Create(_decayStep) * t;
        }
        TLanes normed = g / TLanes.Max(TLanes.Sqrt(vk), TLanes.Create(_eps));
        if (_clip)
        {
            normed = TLanes.Min(TLanes.Max(normed, TLanes.Create(_clipLow)), TLanes.Create(_clipHigh));
        }
        TLanes mk = m = _moments.First(m, normed);
        theta = t + TLanes.Create(_negLr) * mk;
        v = _moments.Second(vk, g);
    }
}
