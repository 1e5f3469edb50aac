using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
    public void Invoke(ref Vector256<float> theta, Vector256<float> grad, ref Vector256<float> b, ref Vector256<float> unused1,
        ref Vector256<float> unused2)
    {
        Vector256<float> t = theta;
        Vector256<float> g = _maximize ? -grad : grad;
        if (_weightDecay != 0)
        {
            g = g + Vector256.Create(_weightDecay) * t;
        }
        if (_hasMomentum)
        {
            var mu = Vector256.Create(_momentum);
            Vector256<float> m = b = _firstStep ? g : b * mu + Vector256.Create(_oneMinusDampening) * g;
            g = _nesterov ? g + mu * m : m;
        }
        theta = t + Vector256.Create(-_lr) * g;
    }
}
