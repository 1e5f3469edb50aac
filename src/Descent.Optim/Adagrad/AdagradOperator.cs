using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
    public void Invoke(ref Vector256<float> theta, Vector256<float> grad, ref Vector256<float> sum, ref Vector256<float> unused1,
        ref Vector256<float> unused2)
    {
        Vector256<float> t = theta;
        Vector256<float> g = _decay.Gradient(grad, t);
        Vector256<float> s = sum = sum + g * g;
        theta = t + Vector256.Create(_negClr) * g / (Vector256.Sqrt(s) + Vector256.Create(_eps));
    }
}
