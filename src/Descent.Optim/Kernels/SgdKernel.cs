using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Optim.Kernels;

/// <summary>The SGD update over one parameter: a scalar reference and a fused single-pass SIMD kernel.</summary>
internal static class SgdKernel
{
    /// <summary>The update's scalars in float32, as PyTorch applies them to float32 tensors.</summary>
    internal readonly struct Scalars(SgdOptions o, bool firstStep)
    {
        public readonly float Lr = (float)o.Lr;
        public readonly float WeightDecay = (float)o.WeightDecay;
        public readonly float Momentum = (float)o.Momentum;
        public readonly float OneMinusDampening = (float)(1 - o.Dampening);
        public readonly bool HasMomentum = o.Momentum != 0;
        public readonly bool Nesterov = o.Nesterov;
        public readonly bool Maximize = o.Maximize;
        public readonly bool FirstStep = firstStep;
    }

    /// <summary>Effectively computes, per element, the SGD update of θ and b (b is empty without momentum).</summary>
    public static void Reference(Span<float> theta, ReadOnlySpan<float> grad, Span<float> b, in Scalars s)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            float g = s.Maximize ? -grad[i] : grad[i];
            if (s.WeightDecay != 0)
            {
                g = g + s.WeightDecay * theta[i];
            }
            if (s.HasMomentum)
            {
                b[i] = s.FirstStep ? g : b[i] * s.Momentum + s.OneMinusDampening * g;
                g = s.Nesterov ? g + s.Momentum * b[i] : b[i];
            }
            theta[i] = theta[i] + -s.Lr * g;
        }
    }

    /// <summary>
    /// Same arithmetic as <see cref="Reference"/>, eight lanes at a time, in one pass over θ, g and b.
    /// Spans must not overlap.
    /// </summary>
    public static void Fused(Span<float> theta, ReadOnlySpan<float> grad, Span<float> b, in Scalars s)
    {
        int n = theta.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            ref float t0 = ref MemoryMarshal.GetReference(theta);
            ref float g0 = ref MemoryMarshal.GetReference(grad);
            ref float b0 = ref MemoryMarshal.GetReference(b);
            var wd = Vector256.Create(s.WeightDecay);
            var mu = Vector256.Create(s.Momentum);
            var damp = Vector256.Create(s.OneMinusDampening);
            var negLr = Vector256.Create(-s.Lr);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                if (StreamPrefetch.Due(i, n))
                {
                    StreamPrefetch.Ahead(ref t0, i, n);
                    StreamPrefetch.Ahead(ref g0, i, n);
                    if (s.HasMomentum)
                    {
                        StreamPrefetch.Ahead(ref b0, i, n);
                    }
                }
                Vector256<float> t = Vector256.LoadUnsafe(ref t0, (nuint)i);
                Vector256<float> g = Vector256.LoadUnsafe(ref g0, (nuint)i);
                if (s.Maximize)
                {
                    g = -g;
                }
                if (s.WeightDecay != 0)
                {
                    g = g + wd * t;
                }
                if (s.HasMomentum)
                {
                    Vector256<float> m = s.FirstStep ? g : Vector256.LoadUnsafe(ref b0, (nuint)i) * mu + damp * g;
                    m.StoreUnsafe(ref b0, (nuint)i);
                    g = s.Nesterov ? g + mu * m : m;
                }
                (t + negLr * g).StoreUnsafe(ref t0, (nuint)i);
            }
        }
        if (i < n)
        {
            Reference(theta[i..], grad[i..], s.HasMomentum ? b[i..] : b, s);
        }
    }

    /// <summary>
    /// <see cref="Fused"/> over a whole parameter, split into fixed chunks across threads when it is large (see
    /// <see cref="ChunkedUpdate"/>); bitwise the same result for every thread count. Buffers must not overlap.
    /// </summary>
    public static void Step(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> b, in Scalars s, int maxThreads) =>
        ChunkedUpdate.Run(new Chunk(theta, grad, b, s), theta.Length, maxThreads);

    private readonly struct Chunk(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> b, Scalars s) : IChunkWork
    {
        public void Run(int start, int length) =>
            Fused(theta.Span.Slice(start, length), grad.Span.Slice(start, length), ChunkedUpdate.Slice(b, start, length), s);
    }
}
