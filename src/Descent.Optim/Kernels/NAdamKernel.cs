using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Optim.Kernels;

/// <summary>The NAdam update over one parameter: a scalar reference and a fused single-pass SIMD kernel.</summary>
internal static class NAdamKernel
{
    /// <summary>
    /// The update's scalars. The step sizes of the gradient and momentum terms are computed in double from the
    /// schedule (μₜ, μₜ₊₁) and the float32 product Π = μ₁⋯μₜ, then rounded to float32 once, as PyTorch does.
    /// </summary>
    internal readonly struct Scalars(NAdamOptions o, int step, double mu, double muNext, float muProduct)
    {
        public readonly WeightDecay Decay = new(o.Lr, o.WeightDecay, o.DecoupledWeightDecay, o.Maximize);
        public readonly Moments Moments = new(o.Betas);
        public readonly float BiasCorrection2 = (float)Moments.BiasCorrection(o.Betas.Beta2, step);
        public readonly float Eps = (float)o.Eps;
        // −γ(1 − μₜ)/(1 − Π) and −γμₜ₊₁/(1 − Πμₜ₊₁), with Π widened from float32 as PyTorch's .item() does.
        public readonly float NegGradStep = (float)(-o.Lr * (1 - mu) / (1 - (double)muProduct));
        public readonly float NegMomentumStep = (float)(-o.Lr * muNext / (1 - (double)muProduct * muNext));
    }

    /// <summary>Effectively computes, per element, the NAdam update of θ, m and v.</summary>
    public static void Reference(Span<float> theta, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, in Scalars s)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            float t = s.Decay.Shrink(theta[i]);
            float g = s.Decay.Gradient(grad[i], t);
            m[i] = s.Moments.First(m[i], g);
            v[i] = s.Moments.Second(v[i], g);
            float d = MathF.Sqrt(v[i] / s.BiasCorrection2) + s.Eps;
            // Two of PyTorch's addcdiv, θ + (value · x) / d: the gradient term, then the momentum term.
            t = t + s.NegGradStep * g / d;
            theta[i] = t + s.NegMomentumStep * m[i] / d;
        }
    }

    /// <summary>
    /// Same arithmetic as <see cref="Reference"/>, eight lanes at a time: one read and one write of θ, m and v and
    /// one read of g per element. Spans must not overlap.
    /// </summary>
    public static void Fused(Span<float> theta, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, in Scalars s)
    {
        int n = theta.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            ref float t0 = ref MemoryMarshal.GetReference(theta);
            ref float g0 = ref MemoryMarshal.GetReference(grad);
            ref float m0 = ref MemoryMarshal.GetReference(m);
            ref float v0 = ref MemoryMarshal.GetReference(v);
            var bc2 = Vector256.Create(s.BiasCorrection2);
            var eps = Vector256.Create(s.Eps);
            var gradStep = Vector256.Create(s.NegGradStep);
            var momentumStep = Vector256.Create(s.NegMomentumStep);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                if (StreamPrefetch.Due(i, n))
                {
                    StreamPrefetch.Ahead(ref t0, i, n);
                    StreamPrefetch.Ahead(ref g0, i, n);
                    StreamPrefetch.Ahead(ref m0, i, n);
                    StreamPrefetch.Ahead(ref v0, i, n);
                }
                nuint k = (nuint)i;
                Vector256<float> t = s.Decay.Shrink(Vector256.LoadUnsafe(ref t0, k));
                Vector256<float> g = s.Decay.Gradient(Vector256.LoadUnsafe(ref g0, k), t);
                Vector256<float> mk = s.Moments.First(Vector256.LoadUnsafe(ref m0, k), g);
                Vector256<float> vk = s.Moments.Second(Vector256.LoadUnsafe(ref v0, k), g);
                mk.StoreUnsafe(ref m0, k);
                vk.StoreUnsafe(ref v0, k);
                Vector256<float> d = Vector256.Sqrt(vk / bc2) + eps;
                t = t + gradStep * g / d;
                (t + momentumStep * mk / d).StoreUnsafe(ref t0, k);
            }
        }
        if (i < n)
        {
            Reference(theta[i..], grad[i..], m[i..], v[i..], s);
        }
    }

    /// <summary>
    /// <see cref="Fused"/> over a whole parameter, split into fixed chunks across threads when it is large (see
    /// <see cref="ChunkedUpdate"/>); bitwise the same result for every thread count. Buffers must not overlap.
    /// </summary>
    public static void Step(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> m, Memory<float> v,
        in Scalars s, int maxThreads) =>
        ChunkedUpdate.Run(new Chunk(theta, grad, m, v, s), theta.Length, maxThreads);

    private readonly struct Chunk(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> m, Memory<float> v, Scalars s) : IChunkWork
    {
        public void Run(int start, int length) => Fused(theta.Span.Slice(start, length),
            grad.Span.Slice(start, length), m.Span.Slice(start, length), v.Span.Slice(start, length), s);
    }
}
