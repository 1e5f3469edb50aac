using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Optim.Kernels;

/// <summary>The Rprop update over one parameter: a scalar reference and a fused single-pass SIMD kernel.</summary>
internal static class RpropKernel
{
    /// <summary>The update's scalars in float32, as PyTorch writes η± into its float32 sign tensor and clamps in float32.</summary>
    internal readonly struct Scalars(RpropOptions o)
    {
        public readonly float EtaMinus = (float)o.Etas.EtaMinus;
        public readonly float EtaPlus = (float)o.Etas.EtaPlus;
        public readonly float StepMin = (float)o.StepSizes.Min;
        public readonly float StepMax = (float)o.StepSizes.Max;
        public readonly bool Maximize = o.Maximize;
    }

    /// <summary>Effectively computes, per element, the Rprop update of θ, g_prev and Γ.</summary>
    public static void Reference(Span<float> theta, ReadOnlySpan<float> grad, Span<float> prev, Span<float> stepSize, in Scalars s)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            float g = s.Maximize ? -grad[i] : grad[i];
            // PyTorch takes the sign of the float32 product, so a product that underflows to zero counts as no
            // sign information; a NaN stays NaN in its sign tensor and so in Γ.
            float p = g * prev[i];
            float eta = p > 0 ? s.EtaPlus : p < 0 ? s.EtaMinus : p == 0 ? 1f : p;
            stepSize[i] = MathF.Min(MathF.Max(stepSize[i] * eta, s.StepMin), s.StepMax);
            if (p < 0)
            {
                g = 0f;
            }
            // sign(g) is ±1 or 0, so this rounds exactly as PyTorch's addcmul(θ, sign(g), Γ, value = −1).
            theta[i] = theta[i] - Sign(g) * stepSize[i];
            prev[i] = g;
        }
    }

    /// <summary>
    /// Same arithmetic as <see cref="Reference"/>, eight lanes at a time: one read and one write of θ, g_prev and Γ
    /// and one read of g per element. Spans must not overlap.
    /// </summary>
    public static void Fused(Span<float> theta, ReadOnlySpan<float> grad, Span<float> prev, Span<float> stepSize, in Scalars s)
    {
        int n = theta.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            ref float t0 = ref MemoryMarshal.GetReference(theta);
            ref float g0 = ref MemoryMarshal.GetReference(grad);
            ref float p0 = ref MemoryMarshal.GetReference(prev);
            ref float s0 = ref MemoryMarshal.GetReference(stepSize);
            var etaMinus = Vector256.Create(s.EtaMinus);
            var etaPlus = Vector256.Create(s.EtaPlus);
            var stepMin = Vector256.Create(s.StepMin);
            var stepMax = Vector256.Create(s.StepMax);
            Vector256<float> one = Vector256<float>.One;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                if (StreamPrefetch.Due(i, n))
                {
                    StreamPrefetch.Ahead(ref t0, i, n);
                    StreamPrefetch.Ahead(ref g0, i, n);
                    StreamPrefetch.Ahead(ref p0, i, n);
                    StreamPrefetch.Ahead(ref s0, i, n);
                }
                nuint k = (nuint)i;
                Vector256<float> g = Vector256.LoadUnsafe(ref g0, k);
                if (s.Maximize)
                {
                    g = -g;
                }
                Vector256<float> p = g * Vector256.LoadUnsafe(ref p0, k);
                Vector256<float> flipped = Vector256.LessThan(p, Vector256<float>.Zero);
                Vector256<float> eta = Vector256.ConditionalSelect(Vector256.GreaterThan(p, Vector256<float>.Zero), etaPlus,
                    Vector256.ConditionalSelect(flipped, etaMinus,
                        Vector256.ConditionalSelect(Vector256.Equals(p, Vector256<float>.Zero), one, p)));
                Vector256<float> step = Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref s0, k) * eta, stepMin), stepMax);
                step.StoreUnsafe(ref s0, k);
                g = Vector256.ConditionalSelect(flipped, Vector256<float>.Zero, g);
                Vector256<float> sign = (Vector256.GreaterThan(g, Vector256<float>.Zero) & one) - (Vector256.LessThan(g, Vector256<float>.Zero) & one);
                (Vector256.LoadUnsafe(ref t0, k) - sign * step).StoreUnsafe(ref t0, k);
                g.StoreUnsafe(ref p0, k);
            }
        }
        if (i < n)
        {
            Reference(theta[i..], grad[i..], prev[i..], stepSize[i..], s);
        }
    }

    /// <summary>sign(g) as PyTorch computes it for floats: (0 &lt; g) − (g &lt; 0), so NaN gives 0.</summary>
    private static float Sign(float g) => (g > 0 ? 1f : 0f) - (g < 0 ? 1f : 0f);

    /// <summary>
    /// <see cref="Fused"/> over a whole parameter, split into fixed chunks across threads when it is large (see
    /// <see cref="ChunkedUpdate"/>); bitwise the same result for every thread count. Buffers must not overlap.
    /// </summary>
    public static void Step(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> prev, Memory<float> stepSize,
        in Scalars s, int maxThreads) =>
        ChunkedUpdate.Run(new Chunk(theta, grad, prev, stepSize, s), theta.Length, maxThreads);

    private readonly struct Chunk(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> prev, Memory<float> stepSize,
        Scalars s) : IChunkWork
    {
        public void Run(int start, int length) => Fused(theta.Span.Slice(start, length),
            grad.Span.Slice(start, length), prev.Span.Slice(start, length), stepSize.Span.Slice(start, length), s);
    }
}
