using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The Adam/AdamW update of one element (θ, m, v and v̂, v̂ only with AMSGrad), as <see cref="Adam"/> documents it.
/// Bias corrections are computed in double from the step count, then every factor is rounded to float32 once, as
/// PyTorch applies Python numbers to float32 tensors.
/// </summary>
internal readonly struct AdamOperator : IUpdateOperator
{
    internal readonly WeightDecay Decay;
    internal readonly Moments Moments;
    internal readonly float BiasCorrection2Sqrt; // √(1 − β₂ᵗ)
    internal readonly float Eps;
    internal readonly float NegStepSize;         // −γ / (1 − β₁ᵗ)
    internal readonly bool Amsgrad;

    /// <summary>The update at step <paramref name="step"/>.</summary>
    public AdamOperator(AdamOptions o, int step)
    {
        Decay = new WeightDecay(o.Lr, o.WeightDecay, o.DecoupledWeightDecay, o.Maximize);
        Moments = new Moments(o.Betas);
        BiasCorrection2Sqrt = (float)Math.Sqrt(Moments.BiasCorrection(o.Betas.Beta2, step));
        Eps = (float)o.Eps;
        NegStepSize = (float)-(o.Lr / Moments.BiasCorrection(o.Betas.Beta1, step));
        Amsgrad = o.Amsgrad;
    }

    /// <summary>Where the core divides and takes roots 512 bits at a time (Zen 5), twice the lanes per instruction:
    /// the spam model's 5,700-element weight on clean states, 2.5 → 1.3 µs.</summary>
    public static bool IsWide => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float m, ref float v, ref float vMax)
    {
        float t = Decay.Shrink(theta);                              // θ ← θ(1 − γλ) with decoupled decay (AdamW)
        float g = Decay.Gradient(grad, t);                          // g ← ±g, plus λθ with L2 decay (Adam)
        m = Moments.First(m, g);                                    // m ← m + (1 − β₁)(g − m)
        v = Moments.Second(v, g);                                   // v ← β₂v + (1 − β₂)g²
        float vHat = Amsgrad ? (vMax = MathF.Max(vMax, v)) : v;     // v̂ ← max(v̂, v) with AMSGrad, else v
        float denom = MathF.Sqrt(vHat) / BiasCorrection2Sqrt + Eps; // √v̂ / √(1 − β₂ᵗ) + ε
        theta = t + NegStepSize * (m / denom);                      // θ ← θ − γ / (1 − β₁ᵗ) · m / denom
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes m, ref TLanes v, ref TLanes vMax)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes t = Decay.Shrink(theta), g = Decay.Gradient(grad, t);
        TLanes mk = m = Moments.First(m, g), vk = v = Moments.Second(v, g);
        TLanes vHat = Amsgrad ? (vMax = TLanes.Max(vMax, vk)) : vk;
        theta = t + TLanes.Create(NegStepSize) * (mk / (TLanes.Sqrt(vHat) / TLanes.Create(BiasCorrection2Sqrt) + TLanes.Create(Eps)));
    }
}
