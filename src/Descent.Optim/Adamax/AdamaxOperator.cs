using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>The Adamax update of one element (θ, m and u), as <see cref="Adamax"/> documents it.</summary>
/// <remarks>Each scalar is rounded to float32 once from the double hyperparameters.</remarks>
internal readonly struct AdamaxOperator(AdamaxOptions o, int step) : IUpdateOperator
{
    private readonly Moments _moments = new(o.Betas);
    private readonly WeightDecay _decay = new(o.Lr, o.WeightDecay, decoupled: false, o.Maximize);
    private readonly float _beta2 = (float)o.Betas.Beta2;
    private readonly float _eps = (float)o.Eps;
    private readonly float _negStepSize = (float)-(o.Lr / Moments.BiasCorrection(o.Betas.Beta1, step)); // −γ / (1 − β₁ᵗ)

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float m, ref float u, ref float unused)
    {
        float g = _decay.Gradient(grad, theta);
        m = _moments.First(m, g);
        u = MathF.Max(u * _beta2, MathF.Abs(g) + _eps);
        // PyTorch's addcdiv: θ + (value · m) / u.
        theta = theta + _negStepSize * m / u;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes m, ref TLanes u, ref TLanes unused)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes t = theta;
        TLanes g = _decay.Gradient(grad, t);
        TLanes mk = m = _moments.First(m, g);
        TLanes uk = u = TLanes.Max(u * TLanes.Create(_beta2), TLanes.Abs(g) + TLanes.Create(_eps));
        theta = t + TLanes.Create(_negStepSize) * mk / uk;
    }
}
