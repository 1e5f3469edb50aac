using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The Schedule-Free SGD update of one element (y = θ and z), as <see cref="SGDScheduleFree"/> documents it, with the
/// step's scalars rounded to float32 once.
/// </summary>
internal readonly struct SGDScheduleFreeOperator(SGDScheduleFreeOptions o, double lr, double ckp1) : IUpdateOperator
{
    private readonly float _decay = (float)o.WeightDecay;
    private readonly LerpWeight _average = new(ckp1);
    private readonly float _yStep = (float)(lr * (o.Momentum * (1 - ckp1) - 1));
    private readonly float _lr = (float)lr;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float y, float grad, ref float z, ref float unused1, ref float unused2)
    {
        float g = _decay != 0 ? grad + _decay * y : grad;  // g ← g + λy
        float zk = z;
        y = _average.Apply(y, zk) + _yStep * g;            // y ← lerp(y, z, c) + γ(β(1 − c) − 1)g
        z = zk - _lr * g;                                  // z ← z − γg
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes y, TLanes grad, ref TLanes z, ref TLanes unused1, ref TLanes unused2)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes yk = y, zk = z;
        TLanes g = _decay != 0 ? grad + TLanes.Create(_decay) * yk : grad;
        y = _average.Apply(yk, zk) + TLanes.Create(_yStep) * g;
        z = zk - TLanes.Create(_lr) * g;
    }
}
