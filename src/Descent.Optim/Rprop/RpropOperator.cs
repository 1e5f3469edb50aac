using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The Rprop update of one element (θ, g_prev and Γ), as <see cref="Rprop"/> documents it, in float32 as PyTorch
/// writes η± into its float32 sign tensor and clamps in float32.
/// </summary>
internal readonly struct RpropOperator(RpropOptions o) : IUpdateOperator
{
    private readonly float _etaMinus = (float)o.Etas.EtaMinus;
    private readonly float _etaPlus = (float)o.Etas.EtaPlus;
    private readonly float _stepMin = (float)o.StepSizes.Min;
    private readonly float _stepMax = (float)o.StepSizes.Max;
    private readonly bool _maximize = o.Maximize;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float prev, ref float stepSize, ref float unused)
    {
        float g = _maximize ? -grad : grad;
        // PyTorch takes the sign of the float32 product, so a product that underflows to zero counts as no sign
        // information; a NaN stays NaN in its sign tensor and so in Γ.
        float p = g * prev;
        float eta = p > 0 ? _etaPlus : p < 0 ? _etaMinus : p == 0 ? 1f : p;
        stepSize = MathF.Min(MathF.Max(stepSize * eta, _stepMin), _stepMax);
        if (p < 0)
        {
            g = 0f;
        }
        // sign(g) = (0 < g) − (g < 0), ±1 or 0 (NaN gives 0), so this rounds exactly as PyTorch's
        // addcmul(θ, sign(g), Γ, value = −1).
        theta = theta - ((g > 0 ? 1f : 0f) - (g < 0 ? 1f : 0f)) * stepSize;
        prev = g;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref Vector256<float> theta, Vector256<float> grad, ref Vector256<float> prev, ref Vector256<float> stepSize,
        ref Vector256<float> unused)
    {
        Vector256<float> g = _maximize ? -grad : grad;
        Vector256<float> p = g * prev;
        Vector256<float> one = Vector256<float>.One;
        Vector256<float> flipped = Vector256.LessThan(p, Vector256<float>.Zero);
        Vector256<float> eta = Vector256.ConditionalSelect(Vector256.GreaterThan(p, Vector256<float>.Zero), Vector256.Create(_etaPlus),
            Vector256.ConditionalSelect(flipped, Vector256.Create(_etaMinus),
                Vector256.ConditionalSelect(Vector256.Equals(p, Vector256<float>.Zero), one, p)));
        Vector256<float> step = stepSize = Vector256.Min(Vector256.Max(stepSize * eta, Vector256.Create(_stepMin)), Vector256.Create(_stepMax));
        g = Vector256.ConditionalSelect(flipped, Vector256<float>.Zero, g);
        Vector256<float> sign = (Vector256.GreaterThan(g, Vector256<float>.Zero) & one) - (Vector256.LessThan(g, Vector256<float>.Zero) & one);
        theta = theta - sign * step;
        prev = g;
    }
}
