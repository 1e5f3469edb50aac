using System.Runtime.CompilerServices;
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
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes v, ref TLanes u, ref TLanes unused)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes t = theta;
        TLanes g = _decay.Gradient(grad, t);
        var eps = TLanes.Create(_eps);
        TLanes vk = v = _averages.Second(v, g);
        TLanes delta = TLanes.Sqrt(u + eps) / TLanes.Sqrt(vk + eps) * g;
        u = _averages.Second(u, delta);
        theta = t + TLanes.Create(_negLr) * delta;
    }
}
