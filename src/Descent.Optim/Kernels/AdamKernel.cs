using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Optim.Kernels;

/// <summary>The Adam/AdamW update over one parameter: a scalar reference and a fused single-pass SIMD kernel.</summary>
internal static class AdamKernel
{
    /// <summary>
    /// The update's scalars, from the shared weight-decay and moment pieces. Bias corrections are computed in double
    /// from the step count, then every factor is rounded to float32 once, as PyTorch applies Python numbers to
    /// float32 tensors.
    /// </summary>
    internal readonly struct Scalars(AdamOptions o, int step)
    {
        public readonly WeightDecay Decay = new(o.Lr, o.WeightDecay, o.DecoupledWeightDecay, o.Maximize);
        public readonly Moments Moments = new(o.Betas);
        public readonly float BiasCorrection2Sqrt = (float)Math.Sqrt(Moments.BiasCorrection(o.Betas.Beta2, step));
        public readonly float Eps = (float)o.Eps;
        public readonly float NegStepSize = (float)-(o.Lr / Moments.BiasCorrection(o.Betas.Beta1, step)); // −γ / (1 − β₁ᵗ)
        public readonly bool Amsgrad = o.Amsgrad;

        // |step| · 2⁻⁹⁹: where |θ|·denom exceeds it (and |θ| > 2⁻¹⁰⁰), a first moment below 2⁻¹²⁶ moves θ by less
        // than an eighth of its ulp, so θ stays as it is.
        public readonly float SubnormalMomentBound = (float)(Math.Abs(-(o.Lr / Moments.BiasCorrection(o.Betas.Beta1, step))) * Math.Pow(2, -99));
    }

    /// <summary>Effectively computes, per element, the Adam update of θ, m, v and v̂ (v̂ empty without AMSGrad).</summary>
    public static void Reference(Span<float> theta, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, Span<float> vMax, in Scalars s)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            float t = s.Decay.Shrink(theta[i]);
            float g = s.Decay.Gradient(grad[i], t);
            m[i] = s.Moments.First(m[i], g);
            v[i] = s.Moments.Second(v[i], g);
            float vHat = v[i];
            if (s.Amsgrad)
            {
                vHat = vMax[i] = MathF.Max(vMax[i], v[i]);
            }
            float denom = MathF.Sqrt(vHat) / s.BiasCorrection2Sqrt + s.Eps;
            theta[i] = t + s.NegStepSize * (m[i] / denom);
        }
    }

    /// <summary>
    /// Same arithmetic as <see cref="Reference"/>, eight lanes at a time: one read and one write of θ, m, v (and v̂)
    /// and one read of g per element. Spans must not overlap.
    /// </summary>
    public static void Fused(Span<float> theta, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, Span<float> vMax, in Scalars s)
    {
        int n = theta.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            ref float t0 = ref MemoryMarshal.GetReference(theta);
            ref float g0 = ref MemoryMarshal.GetReference(grad);
            ref float m0 = ref MemoryMarshal.GetReference(m);
            ref float v0 = ref MemoryMarshal.GetReference(v);
            ref float x0 = ref MemoryMarshal.GetReference(vMax);
            var bc2 = Vector256.Create(s.BiasCorrection2Sqrt);
            var eps = Vector256.Create(s.Eps);
            var negStep = Vector256.Create(s.NegStepSize);
            var bound = Vector256.Create(s.SubnormalMomentBound);
            var tiny = Vector256.Create((float)Math.Pow(2, -100));
            var absorbing = Vector256.Create(s.Moments.AbsorbingGradient);
            var stuck = Vector256.Create(s.Moments.StuckUnits);
            bool decaySubnormals = s.Moments.CanDecaySubnormals;
            bool decaySecond = s.Moments.CanDecaySecondSubnormals;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                if (StreamPrefetch.Due(i, n))
                {
                    StreamPrefetch.Ahead(ref t0, i, n);
                    StreamPrefetch.Ahead(ref g0, i, n);
                    StreamPrefetch.Ahead(ref m0, i, n);
                    StreamPrefetch.Ahead(ref v0, i, n);
                    if (s.Amsgrad)
                    {
                        StreamPrefetch.Ahead(ref x0, i, n);
                    }
                }
                nuint k = (nuint)i;
                Vector256<float> t = s.Decay.Shrink(Vector256.LoadUnsafe(ref t0, k));
                Vector256<float> g = s.Decay.Gradient(Vector256.LoadUnsafe(ref g0, k), t);
                Vector256<float> mPrev = Vector256.LoadUnsafe(ref m0, k);
                // Subnormal first moments are taken out of the float arithmetic, which takes a microcode assist per
                // vector on them: where the gradient is +0 (units that no longer receive gradient) they decay exactly
                // in integers below; where |g| is large enough they are below a quarter ulp of every value they
                // enter, so that First gives the same bits with m taken as 0.
                Vector256<float> decaying = default;
                Vector256<float> absorbed = default;
                if (decaySubnormals)
                {
                    Vector256<float> subnormal = SubnormalMoments(mPrev);
                    if (subnormal.AsUInt32() != Vector256<uint>.Zero)
                    {
                        decaying = subnormal & Vector256.Equals(g.AsUInt32(), Vector256<uint>.Zero).AsSingle();
                        absorbed = subnormal & Vector256.GreaterThanOrEqual(Vector256.Abs(g), absorbing);
                    }
                }
                bool anyDecaying = decaying.AsUInt32() != Vector256<uint>.Zero;
                Vector256<float> mk = s.Moments.First(Vector256.AndNot(mPrev, decaying | absorbed), g);
                Vector256<float> vPrev = Vector256.LoadUnsafe(ref v0, k);
                // Second moments that decayed into the subnormals under a zero gradient decay in integers too.
                Vector256<float> vDecaying = decaySecond
                    ? SubnormalMoments(vPrev) & Vector256.Equals(g.AsUInt32(), Vector256<uint>.Zero).AsSingle()
                    : default;
                bool anyVDecaying = vDecaying.AsUInt32() != Vector256<uint>.Zero;
                Vector256<float> vIn = anyVDecaying ? Vector256.AndNot(vPrev, vDecaying) : vPrev;
                Vector256<float> tinyGrad = decaySubnormals ? TinyGradients(g) : default;
                if (tinyGrad.AsUInt32() == Vector256<uint>.Zero || !s.Moments.TrySecondWithoutTinyGradients(vIn, g, tinyGrad, out Vector256<float> vk))
                {
                    vk = s.Moments.Second(vIn, g);
                }
                if (anyVDecaying)
                {
                    vk = Vector256.ConditionalSelect(vDecaying, s.Moments.DecaySecondSubnormals(vPrev), vk);
                }
                vk.StoreUnsafe(ref v0, k);
                if (s.Amsgrad)
                {
                    vk = Vector256.Max(Vector256.LoadUnsafe(ref x0, k), vk);
                    vk.StoreUnsafe(ref x0, k);
                }
                Vector256<float> root;
                Vector256<float> subnormalV = decaySubnormals ? SubnormalMoments(vk) : default;
                if (subnormalV.AsUInt32() == Vector256<uint>.Zero)
                {
                    root = Vector256.Sqrt(vk);
                }
                else
                {
                    root = Vector256.ConditionalSelect(subnormalV, Moments.SqrtOfSubnormals(vk), Vector256.Sqrt(Vector256.AndNot(vk, subnormalV)));
                }
                Vector256<float> denom = root / bc2 + eps;
                Vector256<float> updated = t + negStep * (mk / denom);
                if (anyDecaying)
                {
                    Vector256<float> magnitude = Vector256.Abs(t);
                    Vector256<float> unmoved = Vector256.GreaterThan(magnitude * denom, bound) & Vector256.GreaterThan(magnitude, tiny);
                    if (Vector256.AndNot(decaying, unmoved).AsUInt32() == Vector256<uint>.Zero)
                    {
                        // Most such moments have reached the magnitudes that no longer change.
                        Vector256<uint> moving = Vector256.GreaterThan(mPrev.AsUInt32() & Vector256.Create(0x7FFFFFFFu), stuck) & decaying.AsUInt32();
                        mk = Vector256.ConditionalSelect(decaying, moving == Vector256<uint>.Zero ? mPrev : s.Moments.DecaySubnormals(mPrev), mk);
                        updated = Vector256.ConditionalSelect(decaying, t, updated);
                    }
                    else
                    {
                        mk = s.Moments.First(mPrev, g);
                        updated = t + negStep * (mk / denom);
                    }
                }
                mk.StoreUnsafe(ref m0, k);
                updated.StoreUnsafe(ref t0, k);
            }
        }
        if (i < n)
        {
            Reference(theta[i..], grad[i..], m[i..], v[i..], s.Amsgrad ? vMax[i..] : vMax, s);
        }
    }

    /// <summary>
    /// <see cref="Fused"/> over a whole parameter, split into fixed chunks across threads when it is large (see
    /// <see cref="ChunkedUpdate"/>); bitwise the same result for every thread count. Buffers must not overlap.
    /// </summary>
    /// <summary>All-ones lanes where x is subnormal (0 &lt; |x| &lt; 2⁻¹²⁶), zero lanes elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SubnormalMoments(Vector256<float> m)
    {
        // |m| in units of 2⁻¹⁴⁹ lies in [1, 2²³) exactly when (|m| − 1) < 2²³ − 1 as an unsigned number.
        Vector256<uint> units = (m.AsUInt32() & Vector256.Create(0x7FFFFFFFu)) - Vector256<uint>.One;
        return Vector256.LessThan(units, Vector256.Create(0x7FFFFFu)).AsSingle();
    }

    /// <summary>All-ones lanes where 0 &lt; |g| &lt; 2⁻⁶⁰, whose square underflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TinyGradients(Vector256<float> g)
    {
        Vector256<uint> magnitude = (g.AsUInt32() & Vector256.Create(0x7FFFFFFFu)) - Vector256<uint>.One;
        return Vector256.LessThan(magnitude, Vector256.Create((67u << 23) - 1) /* the bits of 2⁻⁶⁰, less 1 */).AsSingle();
    }

    public static void Step(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> m, Memory<float> v, Memory<float> vMax,
        in Scalars s, int maxThreads) =>
        ChunkedUpdate.Run(new Chunk(theta, grad, m, v, vMax, s), theta.Length, maxThreads);

    private readonly struct Chunk(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> m, Memory<float> v, Memory<float> vMax,
        Scalars s) : IChunkWork
    {
        public void Run(int start, int length) => Fused(theta.Span.Slice(start, length), grad.Span.Slice(start, length),
            m.Span.Slice(start, length), v.Span.Slice(start, length), ChunkedUpdate.Slice(vMax, start, length), s);
    }
}
