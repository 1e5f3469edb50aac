using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The SGD update of one element (θ and the momentum buffer b, b only with momentum), as <see cref="SGD"/> documents
/// it, with its scalars in float32 as PyTorch applies them to float32 tensors.
/// </summary>
internal readonly struct SgdOperator(SgdOptions o, bool firstStep) : IUpdateOperator
{
    private readonly float _lr = (float)o.Lr;
    private readonly float _weightDecay = (float)o.WeightDecay;
    private readonly float _momentum = (float)o.Momentum;
    private readonly float _oneMinusDampening = (float)(1 - o.Dampening);
    private readonly bool _hasMomentum = o.Momentum != 0;
    private readonly bool _nesterov = o.Nesterov;
    private readonly bool _maximize = o.Maximize;
    private readonly bool _firstStep = firstStep;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float b, ref float unused1, ref float unused2)
    {
        float g = _maximize ? -grad : grad;
        if (_weightDecay != 0)
        {
            g = g + _weightDecay * theta;
        }
        if (_hasMomentum)
        {
            b = _firstStep ? g : b * _momentum + _oneMinusDampening * g;
            g = _nesterov ? g + _momentum * b : b;
        }
        theta = theta + -_lr * g;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes b, ref TLanes unused1, ref TLanes unused2)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes t = theta;
        TLanes g = _maximize ? -grad : grad;
        if (_weightDecay != 0)
        {
            g = g + TLanes.Create(_weightDecay) * t;
        }
        if (_hasMomentum)
        {
            var mu = TLanes.Create(_momentum);
            TLanes m = b = _firstStep ? g : b * mu + TLanes.Create(_oneMinusDampening) * g;
            g = _nesterov ? g + mu * m : m;
        }
        theta = t + TLanes.Create(-_lr) * g;
    }
}
