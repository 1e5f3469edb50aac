using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The NAdam update of one element (θ, m and v), as <see cref="NAdam"/> documents it. The step sizes of the gradient
/// and momentum terms are computed in double from the schedule (μₜ, μₜ₊₁) and the float32 product Π = μ₁⋯μₜ, then
/// rounded to float32 once, as PyTorch does.
/// </summary>
internal readonly struct NAdamOperator(NAdamOptions o, int step, double mu, double muNext, float muProduct) : IUpdateOperator
{
    private readonly WeightDecay _decay = new(o.Lr, o.WeightDecay, o.DecoupledWeightDecay, o.Maximize);
    private readonly Moments _moments = new(o.Betas);
    private readonly float _biasCorrection2 = (float)Moments.BiasCorrection(o.Betas.Beta2, step);
    private readonly float _eps = (float)o.Eps;
    // −γ(1 − μₜ)/(1 − Π) and −γμₜ₊₁/(1 − Πμₜ₊₁), with Π widened from float32 as PyTorch's .item() does.
    private readonly float _negGradStep = (float)(-o.Lr * (1 - mu) / (1 - (double)muProduct));
    private readonly float _negMomentumStep = (float)(-o.Lr * muNext / (1 - (double)muProduct * muNext));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float m, ref float v, ref float unused)
    {
        float t = _decay.Shrink(theta), g = _decay.Gradient(grad, t);
        m = _moments.First(m, g);
        v = _moments.Second(v, g);
        float d = MathF.Sqrt(v / _biasCorrection2) + _eps;
        // Two of PyTorch's addcdiv, θ + (value · x) / d: the gradient term, then the momentum term.
        t = t + _negGradStep * g / d;
        theta = t + _negMomentumStep * m / d;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes m, ref TLanes v, ref TLanes unused)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes t = _decay.Shrink(theta), g = _decay.Gradient(grad, t);
        TLanes mk = m = _moments.First(m, g), vk = v = _moments.Second(v, g);
        TLanes d = TLanes.Sqrt(vk / TLanes.Create(_biasCorrection2)) + TLanes.Create(_eps);
        t = t + TLanes.Create(_negGradStep) * g / d;
        theta = t + TLanes.Create(_negMomentumStep) * mk / d;
    }
}
