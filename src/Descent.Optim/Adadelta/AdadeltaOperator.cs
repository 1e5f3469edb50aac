using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The Adadelta update of one element (θ, v and u), as <see cref="Adadelta"/> documents it, each scalar rounded to
/// float32 once from the double hyperparameters.
/// </summary>
internal readonly struct AdadeltaOperator(AdadeltaOptions o) : IUpdateOperator
{
    private readonly WeightDecay _decay = new(o.Lr, o.WeightDecay, decoupled: false, o.Maximize);
    // v and u are both running second moments with decay ρ: of g and of the update Δ.
    private readonly Moments _averages = new((o.Rho, o.Rho));
    private readonly float _eps = (float)o.Eps;
    private readonly float _negLr = (float)-o.Lr;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float v, ref float u, ref float unused)
    {
        float g = _decay.Gradient(grad, theta);
        v = _averages.Second(v, g);
        float std = MathF.Sqrt(v + _eps);
        // PyTorch's order: √(u + ε), divided by std, then times g.
        float delta = MathF.Sqrt(u + _eps) / std * g;
        u = _averages.Second(u, delta);
        theta = theta + _negLr * delta;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref Vector256<float> theta, Vector256<float> grad, ref Vector256<float> v, ref Vector256<float> u,
        ref Vector256<float> unused)
    {
        Vector256<float> t = theta;
        Vector256<float> g = _decay.Gradient(grad, t);
        var eps = Vector256.Create(_eps);
        Vector256<float> vk = v = _averages.Second(v, g);
        Vector256<float> delta = Vector256.Sqrt(u + eps) / Vector256.Sqrt(vk + eps) * g;
        u = _averages.Second(u, delta);
        theta = t + Vector256.Create(_negLr) * delta;
    }
}
