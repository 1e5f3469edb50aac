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
                if (StreamPrefetch.Due(i, n))
                {
                    StreamPrefetch.Ahead(ref t0, i, n);
                    StreamPrefetch.Ahead(ref g0, i, n);
                    StreamPrefetch.Ahead(ref s0, i, n);
                }
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

    /// <summary>
    /// <see cref="Fused"/> over a whole parameter, split into fixed chunks across threads when it is large (see
    /// <see cref="ChunkedUpdate"/>); bitwise the same result for every thread count. Buffers must not overlap.
    /// </summary>
    public static void Step(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> sum, in Scalars s, int maxThreads) =>
        ChunkedUpdate.Run(new Chunk(theta, grad, sum, s), theta.Length, maxThreads);

    private readonly struct Chunk(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> sum, Scalars s) : IChunkWork
    {
        public void Run(int start, int length) =>
            Fused(theta.Span.Slice(start, length), grad.Span.Slice(start, length), sum.Span.Slice(start, length), s);
    }
}
