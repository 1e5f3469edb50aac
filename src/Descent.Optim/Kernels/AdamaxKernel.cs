using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Optim.Kernels;

/// <summary>The Adamax update over one parameter: a scalar reference and a fused single-pass SIMD kernel.</summary>
internal static class AdamaxKernel
{
    /// <summary>The update's scalars, each rounded to float32 once from double hyperparameters.</summary>
    internal readonly struct Scalars(AdamaxOptions o, int step)
    {
        public readonly WeightDecay Decay = new(o.Lr, o.WeightDecay, decoupled: false, o.Maximize);
        public readonly Moments Moments = new(o.Betas);
        public readonly float Beta2 = (float)o.Betas.Beta2;
        public readonly float Eps = (float)o.Eps;
        public readonly float NegStepSize = (float)-(o.Lr / Moments.BiasCorrection(o.Betas.Beta1, step)); // −γ / (1 − β₁ᵗ)
    }

    /// <summary>Effectively computes, per element, the Adamax update of θ, m and u.</summary>
    public static void Reference(Span<float> theta, ReadOnlySpan<float> grad, Span<float> m, Span<float> u, in Scalars s)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            float g = s.Decay.Gradient(grad[i], theta[i]);
            m[i] = s.Moments.First(m[i], g);
            u[i] = MathF.Max(u[i] * s.Beta2, MathF.Abs(g) + s.Eps);
            // PyTorch's addcdiv: θ + (value · m) / u.
            theta[i] = theta[i] + s.NegStepSize * m[i] / u[i];
        }
    }

    /// <summary>
    /// Same arithmetic as <see cref="Reference"/>, eight lanes at a time: one read and one write of θ, m and u and
    /// one read of g per element. Spans must not overlap.
    /// </summary>
    public static void Fused(Span<float> theta, ReadOnlySpan<float> grad, Span<float> m, Span<float> u, in Scalars s)
    {
        int n = theta.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            ref float t0 = ref MemoryMarshal.GetReference(theta);
            ref float g0 = ref MemoryMarshal.GetReference(grad);
            ref float m0 = ref MemoryMarshal.GetReference(m);
            ref float u0 = ref MemoryMarshal.GetReference(u);
            var beta2 = Vector256.Create(s.Beta2);
            var eps = Vector256.Create(s.Eps);
            var negStep = Vector256.Create(s.NegStepSize);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                if (StreamPrefetch.Due(i, n))
                {
                    StreamPrefetch.Ahead(ref t0, i, n);
                    StreamPrefetch.Ahead(ref g0, i, n);
                    StreamPrefetch.Ahead(ref m0, i, n);
                    StreamPrefetch.Ahead(ref u0, i, n);
                }
                nuint k = (nuint)i;
                Vector256<float> t = Vector256.LoadUnsafe(ref t0, k);
                Vector256<float> g = s.Decay.Gradient(Vector256.LoadUnsafe(ref g0, k), t);
                Vector256<float> mk = s.Moments.First(Vector256.LoadUnsafe(ref m0, k), g);
                Vector256<float> uk = Vector256.Max(Vector256.LoadUnsafe(ref u0, k) * beta2, Vector256.Abs(g) + eps);
                mk.StoreUnsafe(ref m0, k);
                uk.StoreUnsafe(ref u0, k);
                (t + negStep * mk / uk).StoreUnsafe(ref t0, k);
            }
        }
        if (i < n)
        {
            Reference(theta[i..], grad[i..], m[i..], u[i..], s);
        }
    }

    /// <summary>
    /// <see cref="Fused"/> over a whole parameter, split into fixed chunks across threads when it is large (see
    /// <see cref="ChunkedUpdate"/>); bitwise the same result for every thread count. Buffers must not overlap.
    /// </summary>
    public static void Step(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> m, Memory<float> u,
        in Scalars s, int maxThreads) =>
        ChunkedUpdate.Run(new Chunk(theta, grad, m, u, s), theta.Length, maxThreads);

    private readonly struct Chunk(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> m, Memory<float> u, Scalars s) : IChunkWork
    {
        public void Run(int start, int length) => Fused(theta.Span.Slice(start, length),
            grad.Span.Slice(start, length), m.Span.Slice(start, length), u.Span.Slice(start, length), s);
    }
}
