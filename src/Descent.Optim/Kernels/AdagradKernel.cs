using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Optim.Kernels;

/// <summary>The Adagrad update over one parameter: a scalar reference and a fused single-pass SIMD kernel.</summary>
internal static class AdagradKernel
{
    /// <summary>
    /// The update's scalars. The decayed learning rate is computed in double from the step count, then rounded to
    /// float32 once, as PyTorch does when it applies a Python number to float32 tensors.
    /// </summary>
    internal readonly struct Scalars(AdagradOptions o, int step)
    {
        public readonly WeightDecay Decay = new(o.Lr, o.WeightDecay, decoupled: false, o.Maximize);
        public readonly float Eps = (float)o.Eps;
        public readonly float NegClr = (float)-(o.Lr / (1 + (step - 1) * o.LrDecay)); // −γ / (1 + (t − 1)η)
    }

    /// <summary>Effectively computes, per element, the Adagrad update of θ and s.</summary>
    public static void Reference(Span<float> theta, ReadOnlySpan<float> grad, Span<float> sum, in Scalars s)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            float g = s.Decay.Gradient(grad[i], theta[i]);
            sum[i] = sum[i] + g * g;
            float std = MathF.Sqrt(sum[i]) + s.Eps;
            // PyTorch's addcdiv: θ + (value · g) / std.
            theta[i] = theta[i] + s.NegClr * g / std;
        }
    }

    /// <summary>
    /// Same arithmetic as <see cref="Reference"/>, eight lanes at a time: one read and one write of θ and s and one
    /// read of g per element. Spans must not overlap.
    /// </summary>
    public static void Fused(Span<float> theta, ReadOnlySpan<float> grad, Span<float> sum, in Scalars s)
    {
        int n = theta.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            ref float t0 = ref MemoryMarshal.GetReference(theta);
            ref float g0 = ref MemoryMarshal.GetReference(grad);
            ref float s0 = ref MemoryMarshal.GetReference(sum);
            var eps = Vector256.Create(s.Eps);
            var negClr = Vector256.Create(s.NegClr);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                nuint k = (nuint)i;
                Vector256<float> t = Vector256.LoadUnsafe(ref t0, k);
                Vector256<float> g = s.Decay.Gradient(Vector256.LoadUnsafe(ref g0, k), t);
                Vector256<float> sk = Vector256.LoadUnsafe(ref s0, k) + g * g;
                sk.StoreUnsafe(ref s0, k);
                (t + negClr * g / (Vector256.Sqrt(sk) + eps)).StoreUnsafe(ref t0, k);
            }
        }
        if (i < n)
        {
            Reference(theta[i..], grad[i..], sum[i..], s);
        }
    }
}
