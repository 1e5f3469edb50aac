using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Optim.Kernels;

/// <summary>The RMSprop update over one parameter: a scalar reference and a fused single-pass SIMD kernel.</summary>
internal static class RmsPropKernel
{
    /// <summary>The update's scalars, each rounded to float32 once from double hyperparameters.</summary>
    internal readonly struct Scalars(RmsPropOptions o)
    {
        public readonly WeightDecay Decay = new(o.Lr, o.WeightDecay, decoupled: false, o.Maximize);
        // v and ḡ are the running second and first moments of g, both with decay α.
        public readonly Moments Averages = new((o.Alpha, o.Alpha));
        public readonly float Eps = (float)o.Eps;
        public readonly float Momentum = (float)o.Momentum;
        public readonly float NegLr = (float)-o.Lr;
        public readonly bool HasMomentum = o.Momentum > 0;
        public readonly bool Centered = o.Centered;
    }

    /// <summary>
    /// Effectively computes, per element, the RMSprop update of θ, v, ḡ and b (ḡ is empty unless centered, b
    /// empty without momentum).
    /// </summary>
    public static void Reference(Span<float> theta, ReadOnlySpan<float> grad, Span<float> v, Span<float> gAvg, Span<float> b, in Scalars s)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            float g = s.Decay.Gradient(grad[i], theta[i]);
            v[i] = s.Averages.Second(v[i], g);
            float d;
            if (s.Centered)
            {
                gAvg[i] = s.Averages.First(gAvg[i], g);
                d = MathF.Sqrt(v[i] - gAvg[i] * gAvg[i]) + s.Eps;
            }
            else
            {
                d = MathF.Sqrt(v[i]) + s.Eps;
            }
            if (s.HasMomentum)
            {
                b[i] = b[i] * s.Momentum + g / d;
                theta[i] = theta[i] + s.NegLr * b[i];
            }
            else
            {
                // PyTorch's addcdiv: θ + (value · g) / d.
                theta[i] = theta[i] + s.NegLr * g / d;
            }
        }
    }

    /// <summary>
    /// Same arithmetic as <see cref="Reference"/>, eight lanes at a time: one read and one write of θ, v (and ḡ, b)
    /// and one read of g per element. Spans must not overlap.
    /// </summary>
    public static void Fused(Span<float> theta, ReadOnlySpan<float> grad, Span<float> v, Span<float> gAvg, Span<float> b, in Scalars s)
    {
        int n = theta.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            ref float t0 = ref MemoryMarshal.GetReference(theta);
            ref float g0 = ref MemoryMarshal.GetReference(grad);
            ref float v0 = ref MemoryMarshal.GetReference(v);
            ref float a0 = ref MemoryMarshal.GetReference(gAvg);
            ref float b0 = ref MemoryMarshal.GetReference(b);
            var eps = Vector256.Create(s.Eps);
            var mu = Vector256.Create(s.Momentum);
            var negLr = Vector256.Create(s.NegLr);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                if (StreamPrefetch.Due(i, n))
                {
                    StreamPrefetch.Ahead(ref t0, i, n);
                    StreamPrefetch.Ahead(ref g0, i, n);
                    StreamPrefetch.Ahead(ref v0, i, n);
                    if (s.Centered)
                    {
                        StreamPrefetch.Ahead(ref a0, i, n);
                    }
                    if (s.HasMomentum)
                    {
                        StreamPrefetch.Ahead(ref b0, i, n);
                    }
                }
                nuint k = (nuint)i;
                Vector256<float> t = Vector256.LoadUnsafe(ref t0, k);
                Vector256<float> g = s.Decay.Gradient(Vector256.LoadUnsafe(ref g0, k), t);
                Vector256<float> vk = s.Averages.Second(Vector256.LoadUnsafe(ref v0, k), g);
                vk.StoreUnsafe(ref v0, k);
                Vector256<float> d;
                if (s.Centered)
                {
                    Vector256<float> ak = s.Averages.First(Vector256.LoadUnsafe(ref a0, k), g);
                    ak.StoreUnsafe(ref a0, k);
                    d = Vector256.Sqrt(vk - ak * ak) + eps;
                }
                else
                {
                    d = Vector256.Sqrt(vk) + eps;
                }
                if (s.HasMomentum)
                {
                    Vector256<float> bk = Vector256.LoadUnsafe(ref b0, k) * mu + g / d;
                    bk.StoreUnsafe(ref b0, k);
                    (t + negLr * bk).StoreUnsafe(ref t0, k);
                }
                else
                {
                    (t + negLr * g / d).StoreUnsafe(ref t0, k);
                }
            }
        }
        if (i < n)
        {
            Reference(theta[i..], grad[i..], v[i..], s.Centered ? gAvg[i..] : gAvg, s.HasMomentum ? b[i..] : b, s);
        }
    }

    /// <summary>
    /// <see cref="Fused"/> over a whole parameter, split into fixed chunks across threads when it is large (see
    /// <see cref="ChunkedUpdate"/>); bitwise the same result for every thread count. Buffers must not overlap.
    /// </summary>
    public static void Step(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> v, Memory<float> gAvg, Memory<float> b,
        in Scalars s, int maxThreads) =>
        ChunkedUpdate.Run(new Chunk(theta, grad, v, gAvg, b, s), theta.Length, maxThreads);

    private readonly struct Chunk(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> v, Memory<float> gAvg, Memory<float> b,
        Scalars s) : IChunkWork
    {
        public void Run(int start, int length) => Fused(theta.Span.Slice(start, length), grad.Span.Slice(start, length),
            v.Span.Slice(start, length), ChunkedUpdate.Slice(gAvg, start, length), ChunkedUpdate.Slice(b, start, length), s);
    }
}
