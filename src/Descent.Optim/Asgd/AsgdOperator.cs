using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The ASGD update of one element (θ and its average θ̄), as <see cref="ASGD"/> documents it. η and μ come from the
/// state as float32 values; PyTorch reads η with <c>item()</c> and forms 1 − λη in double before applying it.
/// </summary>
internal readonly struct AsgdOperator(AsgdOptions o, float eta, float mu) : IUpdateOperator
{
    private readonly WeightDecay _decay = new(o.Lr, o.WeightDecay, decoupled: false, o.Maximize);
    private readonly float _shrink = (float)(1 - o.Lambd * eta); // 1 − λη
    private readonly float _negEta = -eta;
    private readonly float _mu = mu;
    private readonly bool _average = mu != 1;                   // PyTorch copies θ into θ̄ while μ = 1

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float ax, ref float unused1, ref float unused2)
    {
        float g = _decay.Gradient(grad, theta);
        float t = theta * _shrink;
        theta = t = t + _negEta * g;
        ax = _average ? ax + (t - ax) * _mu : t;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes ax, ref TLanes unused1, ref TLanes unused2)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes t = theta;
        TLanes g = _decay.Gradient(grad, t);
        t = t * TLanes.Create(_shrink);
        theta = t = t + TLanes.Create(_negEta) * g;
        ax = _average ? ax + (t - ax) * TLanes.Create(_mu) : t;
    }
}
