using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Optim.Kernels;

/// <summary>The ASGD update over one parameter: a scalar reference and a fused single-pass SIMD kernel.</summary>
internal static class AsgdKernel
{
    /// <summary>
    /// The update's scalars in float32. η and μ come from the state as float32 values; PyTorch reads η with
    /// <c>item()</c> and forms 1 − λη in double before applying it, which is what <see cref="Shrink"/> rounds.
    /// </summary>
    internal readonly struct Scalars(AsgdOptions o, float eta, float mu)
    {
        public readonly WeightDecay Gradient = new(o.Lr, o.WeightDecay, decoupled: false, o.Maximize);
        public readonly float Shrink = (float)(1 - o.Lambd * eta);  // 1 − λη
        public readonly float NegEta = -eta;
        public readonly float Mu = mu;
        public readonly bool Average = mu != 1;                      // PyTorch copies θ into θ̄ while μ = 1
    }

    /// <summary>Effectively computes, per element, the ASGD update of θ and of its average θ̄.</summary>
    public static void Reference(Span<float> theta, ReadOnlySpan<float> grad, Span<float> ax, in Scalars s)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            float g = s.Gradient.Gradient(grad[i], theta[i]);
            float t = theta[i] * s.Shrink;
            t = t + s.NegEta * g;
            theta[i] = t;
            ax[i] = s.Average ? ax[i] + (t - ax[i]) * s.Mu : t;
        }
    }

    /// <summary>
    /// Same arithmetic as <see cref="Reference"/>, eight lanes at a time: one read and one write of θ and θ̄ and one
    /// read of g per element. Spans must not overlap.
    /// </summary>
    public static void Fused(Span<float> theta, ReadOnlySpan<float> grad, Span<float> ax, in Scalars s)
    {
        int n = theta.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            ref float t0 = ref MemoryMarshal.GetReference(theta);
            ref float g0 = ref MemoryMarshal.GetReference(grad);
            ref float a0 = ref MemoryMarshal.GetReference(ax);
            var shrink = Vector256.Create(s.Shrink);
            var negEta = Vector256.Create(s.NegEta);
            var mu = Vector256.Create(s.Mu);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                if (StreamPrefetch.Due(i, n))
                {
                    StreamPrefetch.Ahead(ref t0, i, n);
                    StreamPrefetch.Ahead(ref g0, i, n);
                    StreamPrefetch.Ahead(ref a0, i, n);
                }
                nuint k = (nuint)i;
                Vector256<float> t = Vector256.LoadUnsafe(ref t0, k);
                Vector256<float> g = s.Gradient.Gradient(Vector256.LoadUnsafe(ref g0, k), t);
                t = t * shrink;
                t = t + negEta * g;
                t.StoreUnsafe(ref t0, k);
                if (s.Average)
                {
                    Vector256<float> a = Vector256.LoadUnsafe(ref a0, k);
                    (a + (t - a) * mu).StoreUnsafe(ref a0, k);
                }
                else
                {
                    t.StoreUnsafe(ref a0, k);
                }
            }
        }
        if (i < n)
        {
            Reference(theta[i..], grad[i..], ax[i..], s);
        }
    }

    /// <summary>
    /// <see cref="Fused"/> over a whole parameter, split into fixed chunks across threads when it is large (see
    /// <see cref="ChunkedUpdate"/>); bitwise the same result for every thread count. Buffers must not overlap.
    /// </summary>
    public static void Step(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> ax, in Scalars s, int maxThreads) =>
        ChunkedUpdate.Run(new Chunk(theta, grad, ax, s), theta.Length, maxThreads);

    private readonly struct Chunk(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> ax, Scalars s) : IChunkWork
    {
        public void Run(int start, int length) =>
            Fused(theta.Span.Slice(start, length), grad.Span.Slice(start, length), ax.Span.Slice(start, length), s);
    }
}
