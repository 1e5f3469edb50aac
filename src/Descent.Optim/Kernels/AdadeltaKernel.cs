using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Optim.Kernels;

/// <summary>The Adadelta update over one parameter: a scalar reference and a fused single-pass SIMD kernel.</summary>
internal static class AdadeltaKernel
{
    /// <summary>The update's scalars, each rounded to float32 once from double hyperparameters.</summary>
    internal readonly struct Scalars(AdadeltaOptions o)
    {
        public readonly WeightDecay Decay = new(o.Lr, o.WeightDecay, decoupled: false, o.Maximize);
        // v and u are both running second moments with decay ρ: of g and of the update Δ.
        public readonly Moments Averages = new((o.Rho, o.Rho));
        public readonly float Eps = (float)o.Eps;
        public readonly float NegLr = (float)-o.Lr;
    }

    /// <summary>Effectively computes, per element, the Adadelta update of θ, v and u.</summary>
    public static void Reference(Span<float> theta, ReadOnlySpan<float> grad, Span<float> v, Span<float> u, in Scalars s)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            float g = s.Decay.Gradient(grad[i], theta[i]);
            v[i] = s.Averages.Second(v[i], g);
            float std = MathF.Sqrt(v[i] + s.Eps);
            // PyTorch's order: √(u + ε), divided by std, then times g.
            float delta = MathF.Sqrt(u[i] + s.Eps) / std * g;
            u[i] = s.Averages.Second(u[i], delta);
            theta[i] = theta[i] + s.NegLr * delta;
        }
    }

    /// <summary>
    /// Same arithmetic as <see cref="Reference"/>, eight lanes at a time: one read and one write of θ, v and u and
    /// one read of g per element. Spans must not overlap.
    /// </summary>
    public static void Fused(Span<float> theta, ReadOnlySpan<float> grad, Span<float> v, Span<float> u, in Scalars s)
    {
        int n = theta.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            ref float t0 = ref MemoryMarshal.GetReference(theta);
            ref float g0 = ref MemoryMarshal.GetReference(grad);
            ref float v0 = ref MemoryMarshal.GetReference(v);
            ref float u0 = ref MemoryMarshal.GetReference(u);
            var eps = Vector256.Create(s.Eps);
            var negLr = Vector256.Create(s.NegLr);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                if (StreamPrefetch.Due(i, n))
                {
                    StreamPrefetch.Ahead(ref t0, i, n);
                    StreamPrefetch.Ahead(ref g0, i, n);
                    StreamPrefetch.Ahead(ref v0, i, n);
                    StreamPrefetch.Ahead(ref u0, i, n);
                }
                nuint k = (nuint)i;
                Vector256<float> t = Vector256.LoadUnsafe(ref t0, k);
                Vector256<float> g = s.Decay.Gradient(Vector256.LoadUnsafe(ref g0, k), t);
                Vector256<float> vk = s.Averages.Second(Vector256.LoadUnsafe(ref v0, k), g);
                Vector256<float> uk = Vector256.LoadUnsafe(ref u0, k);
                Vector256<float> delta = Vector256.Sqrt(uk + eps) / Vector256.Sqrt(vk + eps) * g;
                vk.StoreUnsafe(ref v0, k);
                s.Averages.Second(uk, delta).StoreUnsafe(ref u0, k);
                (t + negLr * delta).StoreUnsafe(ref t0, k);
            }
        }
        if (i < n)
        {
            Reference(theta[i..], grad[i..], v[i..], u[i..], s);
        }
    }

    /// <summary>
    /// <see cref="Fused"/> over a whole parameter, split into fixed chunks across threads when it is large (see
    /// <see cref="ChunkedUpdate"/>); bitwise the same result for every thread count. Buffers must not overlap.
    /// </summary>
    public static void Step(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> v, Memory<float> u,
        in Scalars s, int maxThreads) =>
        ChunkedUpdate.Run(new Chunk(theta, grad, v, u, s), theta.Length, maxThreads);

    private readonly struct Chunk(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> v, Memory<float> u, Scalars s) : IChunkWork
    {
        public void Run(int start, int length) => Fused(theta.Span.Slice(start, length),
            grad.Span.Slice(start, length), v.Span.Slice(start, length), u.Span.Slice(start, length), s);
    }
}
