using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
    public void Invoke(ref Vector256<float> theta, Vector256<float> grad, ref Vector256<float> m, ref Vector256<float> u,
        ref Vector256<float> unused)
    {
        Vector256<float> t = theta;
        Vector256<float> g = _decay.Gradient(grad, t);
        Vector256<float> mk = m = _moments.First(m, g);
        Vector256<float> uk = u = Vector256.Max(u * Vector256.Create(_beta2), Vector256.Abs(g) + Vector256.Create(_eps));
        theta = t + Vector256.Create(_negStepSize) * mk / uk;
    }
}
