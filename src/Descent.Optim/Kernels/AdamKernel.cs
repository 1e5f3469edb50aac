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
    // The bits of 2⁻¹²⁵ and of 2⁻⁶⁰, less 1: second moments and gradients below these (zeros aside) are tiny.
    private const uint SmallSecondMoment = (2u << 23) - 1;
    private const uint SmallGradient = (67u << 23) - 1;

    internal readonly struct Scalars(AdamOptions o, int step)
    {
        public readonly WeightDecay Decay = new(o.Lr, o.WeightDecay, o.DecoupledWeightDecay, o.Maximize);
        public readonly Moments Moments = new(o.Betas);
        public readonly float BiasCorrection2Sqrt = (float)Math.Sqrt(Moments.BiasCorrection(o.Betas.Beta2, step));
        public readonly float Eps = (float)o.Eps;
        public readonly float NegStepSize = (float)-(o.Lr / Moments.BiasCorrection(o.Betas.Beta1, step)); // −γ / (1 − β₁ᵗ)
        public readonly bool Amsgrad = o.Amsgrad;
        public readonly float Beta2 = (float)o.Betas.Beta2;

        // |step| · 2⁻⁹⁴: where |θ|·denom exceeds it (and |θ| > 2⁻¹⁰⁰), a first moment below 2⁻¹²² moves θ by less
        // than an eighth of its ulp, so θ stays as it is. (A power-of-two scaling of the rounded step: exact.)
        public float SmallMomentBound => MathF.Abs(NegStepSize) * BitConverter.Int32BitsToSingle(33 << 23); // 2⁻⁹⁴
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
    /// Same arithmetic as <see cref="Reference"/>, bit for bit, sixteen lanes at a time where the core has 512-bit
    /// vectors and eight otherwise: one read and one write of θ, m, v (and v̂) and one read of g per element. Vectors
    /// holding tiny values take exact paths that avoid subnormal arithmetic (see <see cref="UpdateTinyVector"/>).
    /// Spans must not overlap.
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
            // A vector with a first moment below the small-moment limit, a second moment below 2⁻¹²⁵ or a gradient
            // below 2⁻⁶⁰ (zeros aside) may meet subnormal arithmetic, which takes a microcode assist per operation;
            // it goes through UpdateTinyVector, which avoids them. Others take the plain float formula.
            bool careful = s.Moments.CanDecaySubnormals && s.Moments.CanDecaySecondSubnormals;
            var smallM = Vector256.Create(BitConverter.SingleToUInt32Bits(s.Moments.SmallMomentLimit) - 1);
            var smallV = Vector256.Create(SmallSecondMoment);
            var smallG = Vector256.Create(SmallGradient);
            var magnitude = Vector256.Create(0x7FFFFFFFu);
            if (Vector512.IsHardwareAccelerated)
            {
                // Where the core divides and takes roots 512 bits at a time (Zen 5), twice the lanes per instruction:
                // the spam model's 5,700-element weight on clean states, 2.5 → 1.3 µs.
                var bc2Wide = Vector512.Create(s.BiasCorrection2Sqrt);
                var epsWide = Vector512.Create(s.Eps);
                var negStepWide = Vector512.Create(s.NegStepSize);
                var smallMWide = Vector512.Create(smallM.GetElement(0));
                var smallVWide = Vector512.Create(smallV.GetElement(0));
                var smallGWide = Vector512.Create(smallG.GetElement(0));
                var magnitudeWide = Vector512.Create(0x7FFFFFFFu);
                for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
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
                    Vector512<float> t = s.Decay.Shrink(Vector512.LoadUnsafe(ref t0, k));
                    Vector512<float> g = s.Decay.Gradient(Vector512.LoadUnsafe(ref g0, k), t);
                    Vector512<float> mPrev = Vector512.LoadUnsafe(ref m0, k);
                    Vector512<float> vPrev = Vector512.LoadUnsafe(ref v0, k);
                    if (careful)
                    {
                        if ((Vector512.LessThan((mPrev.AsUInt32() & magnitudeWide) - Vector512<uint>.One, smallMWide)
                            | Vector512.LessThan((vPrev.AsUInt32() & magnitudeWide) - Vector512<uint>.One, smallVWide)
                            | Vector512.LessThan((g.AsUInt32() & magnitudeWide) - Vector512<uint>.One, smallGWide)) != Vector512<uint>.Zero)
                        {
                            UpdateTinyWideVector(ref t0, ref g0, ref m0, ref v0, ref x0, k, s);
                            continue;
                        }
                    }
                    Vector512<float> mk = s.Moments.First(mPrev, g);
                    Vector512<float> vk = s.Moments.Second(vPrev, g);
                    mk.StoreUnsafe(ref m0, k);
                    vk.StoreUnsafe(ref v0, k);
                    if (s.Amsgrad)
                    {
                        vk = Vector512.Max(Vector512.LoadUnsafe(ref x0, k), vk);
                        vk.StoreUnsafe(ref x0, k);
                    }
                    Vector512<float> denom = Vector512.Sqrt(vk) / bc2Wide + epsWide;
                    (t + negStepWide * (mk / denom)).StoreUnsafe(ref t0, k);
                }
            }
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
                Vector256<float> vPrev = Vector256.LoadUnsafe(ref v0, k);
                if (careful
                    && (Vector256.LessThan((mPrev.AsUInt32() & magnitude) - Vector256<uint>.One, smallM)
                        | Vector256.LessThan((vPrev.AsUInt32() & magnitude) - Vector256<uint>.One, smallV)
                        | Vector256.LessThan((g.AsUInt32() & magnitude) - Vector256<uint>.One, smallG)) != Vector256<uint>.Zero)
                {
                    UpdateTinyVector(ref t0, ref m0, ref v0, ref x0, k, t, g, mPrev, vPrev, s);
                    continue;
                }
                Vector256<float> mk = s.Moments.First(mPrev, g);
                Vector256<float> vk = s.Moments.Second(vPrev, g);
                mk.StoreUnsafe(ref m0, k);
                vk.StoreUnsafe(ref v0, k);
                if (s.Amsgrad)
                {
                    vk = Vector256.Max(Vector256.LoadUnsafe(ref x0, k), vk);
                    vk.StoreUnsafe(ref x0, k);
                }
                Vector256<float> denom = Vector256.Sqrt(vk) / bc2 + eps;
                (t + negStep * (mk / denom)).StoreUnsafe(ref t0, k);
            }
        }
        if (i < n)
        {
            Reference(theta[i..], grad[i..], m[i..], v[i..], s.Amsgrad ? vMax[i..] : vMax, s);
        }
    }

    /// <summary>
    /// One 512-bit vector of <see cref="Fused"/> with tiny values, read afresh (a call of its own, so that the plain
    /// loop keeps its registers). The common cases stay 512 bits wide: lanes of units without gradient whose first
    /// moments decayed below the small-moment limit enter the float formula with m = 0, then keep θ where provably
    /// unmoved and decay m exactly; gradients whose squares underflow enter v as 0 where exact. Anything else goes through
    /// <see cref="UpdateTinyVector"/> a half at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UpdateTinyWideVector(ref float t0, ref float g0, ref float m0, ref float v0, ref float x0, nuint k, in Scalars s)
    {
        Vector512<float> t = s.Decay.Shrink(Vector512.LoadUnsafe(ref t0, k));
        Vector512<float> g = s.Decay.Gradient(Vector512.LoadUnsafe(ref g0, k), t);
        Vector512<float> mPrev = Vector512.LoadUnsafe(ref m0, k);
        Vector512<float> vPrev = Vector512.LoadUnsafe(ref v0, k);
        var magnitude = Vector512.Create(0x7FFFFFFFu);
        Vector512<uint> decaying = Vector512.LessThan((mPrev.AsUInt32() & magnitude) - Vector512<uint>.One,
            Vector512.Create(BitConverter.SingleToUInt32Bits(s.Moments.SmallMomentLimit) - 1));
        // Gradients whose squares underflow enter the second moment as 0 where v·β₂ > 2⁻⁹⁰ keeps that exact (see
        // Moments.TrySecondWithoutTinyGradients).
        Vector512<uint> tinyGradient = Vector512.LessThan((g.AsUInt32() & magnitude) - Vector512<uint>.One, Vector512.Create(SmallGradient));
        Vector512<uint> other = Vector512.LessThan((vPrev.AsUInt32() & magnitude) - Vector512<uint>.One, Vector512.Create(SmallSecondMoment))
            | Vector512.AndNot(tinyGradient, Vector512.GreaterThan(vPrev * Vector512.Create(s.Beta2), Vector512.Create(BitConverter.Int32BitsToSingle(37 << 23))).AsUInt32())
            | Vector512.AndNot(decaying, Vector512.Equals(g.AsUInt32(), Vector512<uint>.Zero));
        if (other == Vector512<uint>.Zero)
        {
            Vector512<float> mk = s.Moments.First(Vector512.AndNot(mPrev, decaying.AsSingle()), g);
            Vector512<float> vk = s.Moments.Second(vPrev, Vector512.AndNot(g, tinyGradient.AsSingle()));
            Vector512<float> vHat = s.Amsgrad ? Vector512.Max(Vector512.LoadUnsafe(ref x0, k), vk) : vk;
            Vector512<float> denom = Vector512.Sqrt(vHat) / Vector512.Create(s.BiasCorrection2Sqrt) + Vector512.Create(s.Eps);
            Vector512<float> size = Vector512.Abs(t);
            Vector512<uint> unmoved = (Vector512.GreaterThan(size * denom, Vector512.Create(s.SmallMomentBound))
                & Vector512.GreaterThan(size, Vector512.Create(BitConverter.Int32BitsToSingle(27 << 23)))).AsUInt32(); // 2⁻¹⁰⁰
            if (Vector512.AndNot(decaying, unmoved) == Vector512<uint>.Zero)
            {
                Vector512<float> updated = t + Vector512.Create(s.NegStepSize) * (mk / denom);
                // Most such moments have reached the magnitudes that no longer change.
                Vector512<float> decayed = (Vector512.GreaterThan(mPrev.AsUInt32() & magnitude, Vector512.Create(s.Moments.StuckUnits)) & decaying) == Vector512<uint>.Zero
                    ? mPrev
                    : Vector512.Create(s.Moments.DecaySmall(mPrev.GetLower()), s.Moments.DecaySmall(mPrev.GetUpper()));
                Vector512.ConditionalSelect(decaying.AsSingle(), decayed, mk).StoreUnsafe(ref m0, k);
                vk.StoreUnsafe(ref v0, k);
                if (s.Amsgrad)
                {
                    vHat.StoreUnsafe(ref x0, k);
                }
                Vector512.ConditionalSelect(decaying.AsSingle(), t, updated).StoreUnsafe(ref t0, k);
                return;
            }
        }
        UpdateTinyVector(ref t0, ref m0, ref v0, ref x0, k, t.GetLower(), g.GetLower(), mPrev.GetLower(), vPrev.GetLower(), s);
        UpdateTinyVector(ref t0, ref m0, ref v0, ref x0, k + 8, t.GetUpper(), g.GetUpper(), mPrev.GetUpper(), vPrev.GetUpper(), s);
    }

    /// <summary>
    /// One vector of <see cref="Fused"/> whose moments or gradient are tiny, bit for bit as the float formula, with
    /// the subnormal arithmetic replaced where that can be done exactly: first moments below the small-moment limit
    /// under a +0 gradient decay in integers (<see cref="Moments.DecaySmall"/>) and leave θ as it is where provably
    /// unmoved; subnormal ones under a large gradient are absorbed; second moments decay in integers likewise, and
    /// their square roots are taken through a power-of-two scaling; gradients whose squares underflow leave v·β₂
    /// unchanged where provably so. Whatever none of these covers takes the float path, assists and all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateTinyVector(ref float t0, ref float m0, ref float v0, ref float x0, nuint k,
        Vector256<float> t, Vector256<float> g, Vector256<float> mPrev, Vector256<float> vPrev, in Scalars s)
    {
        Vector256<float> bc2 = Vector256.Create(s.BiasCorrection2Sqrt);
        Vector256<float> eps = Vector256.Create(s.Eps);
        Vector256<float> negStep = Vector256.Create(s.NegStepSize);
        Vector256<float> zeroGradient = Vector256.Equals(g.AsUInt32(), Vector256<uint>.Zero).AsSingle();

        Vector256<uint> mMagnitude = (mPrev.AsUInt32() & Vector256.Create(0x7FFFFFFFu)) - Vector256<uint>.One;
        Vector256<float> small = Vector256.LessThan(mMagnitude, Vector256.Create(BitConverter.SingleToUInt32Bits(s.Moments.SmallMomentLimit) - 1)).AsSingle();
        Vector256<float> decaying = small & zeroGradient;
        Vector256<float> absorbed = SubnormalMoments(mPrev) & Vector256.GreaterThanOrEqual(Vector256.Abs(g), Vector256.Create(s.Moments.AbsorbingGradient));
        Vector256<float> mk = s.Moments.First(Vector256.AndNot(mPrev, decaying | absorbed), g);

        // A vector wholly of units without gradient whose moments decayed below the limit (a dead unit's row) moves no
        // θ when even the least denominator, ε, keeps it unmoved: then neither root nor quotient is needed.
        bool wholeUnmoved = Vector256.AndNot(Vector256<float>.AllBitsSet, decaying).AsUInt32() == Vector256<uint>.Zero
            && Vector256.AndNot(Vector256<float>.AllBitsSet, Unmoved(t, eps, s)).AsUInt32() == Vector256<uint>.Zero;

        Vector256<float> vDecaying = SubnormalMoments(vPrev) & zeroGradient;
        Vector256<float> vIn = Vector256.AndNot(vPrev, vDecaying);
        Vector256<float> tinyGrad = TinyGradients(g);
        if (tinyGrad.AsUInt32() == Vector256<uint>.Zero || !s.Moments.TrySecondWithoutTinyGradients(vIn, g, tinyGrad, out Vector256<float> vk))
        {
            vk = s.Moments.Second(vIn, g);
        }
        if (vDecaying.AsUInt32() != Vector256<uint>.Zero)
        {
            vk = Vector256.ConditionalSelect(vDecaying, s.Moments.DecaySecondSubnormals(vPrev), vk);
        }
        vk.StoreUnsafe(ref v0, k);
        if (s.Amsgrad)
        {
            vk = Vector256.Max(Vector256.LoadUnsafe(ref x0, k), vk);
            vk.StoreUnsafe(ref x0, k);
        }
        if (wholeUnmoved)
        {
            (Stuck(mPrev, decaying, s) ? mPrev : s.Moments.DecaySmall(mPrev)).StoreUnsafe(ref m0, k);
            t.StoreUnsafe(ref t0, k); // θ after a decoupled weight decay's shrink, if any
            return;
        }
        Vector256<float> subnormalV = SubnormalMoments(vk);
        Vector256<float> root = subnormalV.AsUInt32() == Vector256<uint>.Zero
            ? Vector256.Sqrt(vk)
            : Vector256.ConditionalSelect(subnormalV, Moments.SqrtOfSubnormals(vk), Vector256.Sqrt(Vector256.AndNot(vk, subnormalV)));
        Vector256<float> denom = root / bc2 + eps;
        Vector256<float> updated = t + negStep * (mk / denom);
        if (decaying.AsUInt32() != Vector256<uint>.Zero)
        {
            if (Vector256.AndNot(decaying, Unmoved(t, denom, s)).AsUInt32() == Vector256<uint>.Zero)
            {
                mk = Vector256.ConditionalSelect(decaying, Stuck(mPrev, decaying, s) ? mPrev : s.Moments.DecaySmall(mPrev), mk);
                updated = Vector256.ConditionalSelect(decaying, t, updated);
            }
            else
            {
                mk = s.Moments.First(Vector256.AndNot(mPrev, absorbed), g);
                updated = t + negStep * (mk / denom);
            }
        }
        mk.StoreUnsafe(ref m0, k);
        updated.StoreUnsafe(ref t0, k);
    }

    /// <summary>
    /// All-ones lanes where a first moment below 2⁻¹²² moves θ = <paramref name="t"/> by less than an eighth of its ulp
    /// for a denominator of at least <paramref name="denom"/>, so that θ stays as it is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Unmoved(Vector256<float> t, Vector256<float> denom, in Scalars s)
    {
        Vector256<float> size = Vector256.Abs(t);
        return Vector256.GreaterThan(size * denom, Vector256.Create(s.SmallMomentBound))
            & Vector256.GreaterThan(size, Vector256.Create(BitConverter.Int32BitsToSingle(27 << 23))); // 2⁻¹⁰⁰
    }

    /// <summary>Whether every lane in <paramref name="lanes"/> holds a moment that no longer changes (most of a dead unit's do).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Stuck(Vector256<float> m, Vector256<float> lanes, in Scalars s) =>
        (Vector256.GreaterThan(m.AsUInt32() & Vector256.Create(0x7FFFFFFFu), Vector256.Create(s.Moments.StuckUnits)) & lanes.AsUInt32()) == Vector256<uint>.Zero;

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

    /// <summary>
    /// <see cref="Fused"/> over a whole parameter, split into fixed chunks across threads when it is large (see
    /// <see cref="ChunkedUpdate"/>); bitwise the same result for every thread count. Buffers must not overlap.
    /// </summary>
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
