using System.Runtime.CompilerServices;
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
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes prev, ref TLanes stepSize, ref TLanes unused)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes g = _maximize ? -grad : grad;
        TLanes p = g * prev;
        TLanes one = TLanes.One;
        TLanes flipped = TLanes.LessThan(p, TLanes.Zero);
        TLanes eta = TLanes.ConditionalSelect(TLanes.GreaterThan(p, TLanes.Zero), TLanes.Create(_etaPlus),
            TLanes.ConditionalSelect(flipped, TLanes.Create(_etaMinus),
                TLanes.ConditionalSelect(TLanes.EqualTo(p, TLanes.Zero), one, p)));
        TLanes step = stepSize = TLanes.Min(TLanes.Max(stepSize * eta, TLanes.Create(_stepMin)), TLanes.Create(_stepMax));
        g = TLanes.ConditionalSelect(flipped, TLanes.Zero, g);
        TLanes sign = (TLanes.GreaterThan(g, TLanes.Zero) & one) - (TLanes.LessThan(g, TLanes.Zero) & one);
        theta = theta - sign * step;
        prev = g;
    }
}
