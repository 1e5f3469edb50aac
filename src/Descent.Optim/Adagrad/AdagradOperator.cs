using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The Adagrad update of one element (θ and the sum s), as <see cref="Adagrad"/> documents it. The decayed learning
/// rate is computed in double from the step count, then rounded to float32 once, as PyTorch does when it applies a
/// Python number to float32 tensors.
/// </summary>
internal readonly struct AdagradOperator(AdagradOptions o, int step) : IUpdateOperator
{
    private readonly WeightDecay _decay = new(o.Lr, o.WeightDecay, decoupled: false, o.Maximize);
    private readonly float _eps = (float)o.Eps;
    private readonly float _negClr = (float)-(o.Lr / (1 + (step - 1) * o.LrDecay)); // −γ / (1 + (t − 1)η)

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float sum, ref float unused1, ref float unused2)
    {
        float g = _decay.Gradient(grad, theta);
        sum = sum + g * g;
        float std = MathF.Sqrt(sum) + _eps;
        // PyTorch's addcdiv: θ + (value · g) / std.
        theta = theta + _negClr * g / std;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes sum, ref TLanes unused1, ref TLanes unused2)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes t = theta;
        TLanes g = _decay.Gradient(grad, t);
        TLanes s = sum = sum + g * g;
        theta = t + TLanes.Create(_negClr) * g / (TLanes.Sqrt(s) + TLanes.Create(_eps));
    }
}
