using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Optim.Kernels;

/// <summary>The RAdam update over one parameter: a scalar reference and a fused single-pass SIMD kernel.</summary>
internal static class RAdamKernel
{
    /// <summary>
    /// The update's scalars. ρₜ, the branch and the rectification rₜ are decided in double from the step count,
    /// as PyTorch does in Python; the factors applied to tensors are rounded to float32 once.
    /// </summary>
    internal readonly struct Scalars
    {
        public readonly WeightDecay Decay;
        public readonly Moments Moments;
        public readonly float BiasCorrection1;
        public readonly float Lr;
        public readonly bool Rectified;           // ρₜ > 5
        public readonly float BiasCorrection2Sqrt;
        public readonly float Eps;
        public readonly float Rect;               // rₜ, when rectified

        public Scalars(RAdamOptions o, int step)
        {
            (double beta1, double beta2) = o.Betas;
            double bc2 = Moments.BiasCorrection(beta2, step);
            double rhoInf = 2 / (1 - beta2) - 1;
            double rho = rhoInf - 2 * step * Math.Pow(beta2, step) / bc2;
            Decay = new WeightDecay(o.Lr, o.WeightDecay, o.DecoupledWeightDecay, o.Maximize);
            Moments = new Moments(o.Betas);
            BiasCorrection1 = (float)Moments.BiasCorrection(beta1, step);
            Lr = (float)o.Lr;
            Rectified = rho > 5;
            BiasCorrection2Sqrt = (float)Math.Sqrt(bc2);
            Eps = (float)o.Eps;
            Rect = Rectified ? (float)Math.Sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho)) : 0f;
        }
    }

    /// <summary>Effectively computes, per element, the RAdam update of θ, m and v.</summary>
    public static void Reference(Span<float> theta, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, in Scalars s)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            float t = s.Decay.Shrink(theta[i]);
            float g = s.Decay.Gradient(grad[i], t);
            m[i] = s.Moments.First(m[i], g);
            v[i] = s.Moments.Second(v[i], g);
            float step = m[i] / s.BiasCorrection1 * s.Lr;
            if (s.Rectified)
            {
                // lₜ as PyTorch evaluates number / tensor: the tensor's reciprocal times the number.
                float l = 1f / (MathF.Sqrt(v[i]) + s.Eps) * s.BiasCorrection2Sqrt;
                step = step * l * s.Rect;
            }
            theta[i] = t - step;
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
            var bc1 = Vector256.Create(s.BiasCorrection1);
            var lr = Vector256.Create(s.Lr);
            var bc2Sqrt = Vector256.Create(s.BiasCorrection2Sqrt);
            var eps = Vector256.Create(s.Eps);
            var rect = Vector256.Create(s.Rect);
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
                Vector256<float> step = mk / bc1 * lr;
                if (s.Rectified)
                {
                    step = step * (Vector256<float>.One / (Vector256.Sqrt(vk) + eps) * bc2Sqrt) * rect;
                }
                (t - step).StoreUnsafe(ref t0, k);
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
