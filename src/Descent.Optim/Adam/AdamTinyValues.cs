using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Descent.Optim;

/// <summary>
/// Adam's exact paths for vectors holding tiny values: bit for bit the float formula of <see cref="AdamOperator"/>,
/// with the subnormal arithmetic, which takes a microcode assist per operation, replaced where that can be done
/// exactly.
/// </summary>
/// <remarks>
/// Why (bench/RESULTS.md, the spam experiment, one thread on the 2-core Zen 5): a third of the first layer's units stop
/// receiving gradient there; their first moments decay into the subnormals and stay there (0.1·M rounds to 0 for
/// M ≤ 4 units of 2⁻¹⁴⁹), and every vector holding one took assists: the step over the 5,700-element weight took
/// 6.7 µs on end-of-run states against 2.0–2.4 µs on clean ones. With these paths it takes 1.8–2.7 µs early in a run
/// and 3.9–4.9 µs late. A vector with a first moment below <see cref="SmallMomentLimit"/>, a second moment below
/// 2⁻¹²⁵ or a gradient below 2⁻⁶⁰ (zeros aside) comes here; <see cref="Enabled"/> off sends every vector down the
/// plain path, for tests and timings of that path alone.
/// <para>
/// Re-measured 2026-12-03 (bench/RESULTS.md, "Adam's tiny-value path"), on synthetic states of that weight (every third
/// row without gradient, every seventh live gradient 1e-25), best of 200 batches on one thread of the loaded machine:
/// the 512-bit shortcut of <see cref="Update(in AdamOperator, ref Vector512{float}, ref Vector512{float}, ref Vector512{float}, ref Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float})"/>
/// earns its lines against sending such vectors through the 256-bit path a half at a time (4.8 against 9.5–18 µs with
/// moments at their stuck values, 36–40 against 61–63 µs with moments spread over the subnormals). On those states the
/// plain path was no slower (3.6–5.2 and 25 µs): whether the exact paths still pay on a real run's end-of-run states
/// is the open question that <see cref="Enabled"/> lets a benchmark answer.
/// </para>
/// </remarks>
internal readonly struct AdamTinyValues
{
    // The bits of 2⁻¹²⁵ and of 2⁻⁶⁰, less 1: second moments and gradients below these (zeros aside) are tiny.
    private const uint SmallSecondMoment = (2u << 23) - 1;
    private const uint SmallGradient = (67u << 23) - 1;

    private readonly bool _careful;
    private readonly bool _smallWeight;
    private readonly float _beta2;
    private readonly uint _smallMomentBits; // the bits of SmallMomentLimit, less 1

    // The factor F by which the first moment scales a subnormal m when g = 0, as the integer significand and shift of
    // F = significand · 2^−shift; zero significand when F = 0. Valid only where CanDecaySubnormals.
    private readonly ulong _decaySignificand;
    private readonly int _decayShift;

    // β₂ as significand · 2^−shift, for the second moment's decay of subnormals under a zero gradient.
    private readonly ulong _secondSignificand;
    private readonly int _secondShift;

    /// <summary>Computes the bounds for <paramref name="betas"/>; <paramref name="enabled"/> false turns every path off.</summary>
    public AdamTinyValues((double Beta1, double Beta2) betas, bool enabled = true)
    {
        float weight = (float)(1 - betas.Beta1);
        _smallWeight = Math.Abs(weight) < 0.5f;
        _beta2 = (float)betas.Beta2;

        // With g = 0, the first moment is m + w·(0 − m) or 0 − (0 − m)·(1 − w): one product rounded once, by w or 1 − w.
        float factor = _smallWeight ? weight : 1f - weight;
        int bits = BitConverter.SingleToInt32Bits(factor);
        int exponent = (bits >> 23) & 0xFF;
        if (factor == 0)
        {
            (_decaySignificand, _decayShift) = (0, 24);
        }
        else if (factor > 0 && factor < 1 && exponent > 0)
        {
            // factor = (2²³ + fraction) · 2^(exponent − 150); the shift lies in [24, 150).
            (_decaySignificand, _decayShift) = ((ulong)((bits & 0x7FFFFF) | 0x800000), 150 - exponent);
        }
        CanDecaySubnormals = Avx2.IsSupported && _decayShift is >= 24 and <= 62;

        // M < 2²⁷ needs |m| < 2⁻¹²², and a product on the one-unit grid needs F·|m| < 2⁻¹²⁵.
        SmallMomentLimit = (float)Math.Min(Math.ScaleB(1.0, -122), Math.ScaleB(1.0, -125) / Math.Max(factor, Math.ScaleB(1.0, -3)));
        _smallMomentBits = BitConverter.SingleToUInt32Bits(SmallMomentLimit) - 1;
        int beta2Bits = BitConverter.SingleToInt32Bits(_beta2);
        int beta2Exponent = (beta2Bits >> 23) & 0xFF;
        if (_beta2 > 0 && _beta2 < 1 && beta2Exponent > 0)
        {
            (_secondSignificand, _secondShift) = ((ulong)((beta2Bits & 0x7FFFFF) | 0x800000), 150 - beta2Exponent);
            CanDecaySecondSubnormals = Avx2.IsSupported && _secondShift <= 62;
        }

        // With a small weight, m + w·(0 − m) leaves M units as they are while w·M rounds to 0, i.e. while
        // significand · M ≤ 2^(shift − 1) (a tie rounds to the even 0): decaying moments end there and stay.
        if (CanDecaySubnormals && _smallWeight && _decaySignificand != 0)
        {
            StuckUnits = (uint)Math.Min((1UL << (_decayShift - 1)) / _decaySignificand, 0x7FFFFF);
        }

        // A subnormal m (below 2⁻¹²⁶) is less than a quarter ulp of g once |g| ≥ 2⁻⁹⁰, so g − m rounds to g; with a
        // small weight, m + w·(g − m) also needs w·|g| ≥ 2⁻⁹⁹, so that m is below a quarter ulp of the product.
        AbsorbingGradient = (float)(_smallWeight ? Math.Max(Math.ScaleB(1.0, -90), Math.ScaleB(1.0, -99) / weight) : Math.ScaleB(1.0, -90));
        _careful = enabled && CanDecaySubnormals && CanDecaySecondSubnormals;
    }

    /// <summary>Whether Adam's vectors take these paths at all; on by default (tests and benchmarks switch it off).</summary>
    public static bool Enabled { get; set; } = true;

    /// <summary>
    /// The least |g| for which the first moment gives the same bits for any subnormal m as for m = 0 (infinite when no
    /// such bound exists).
    /// </summary>
    public float AbsorbingGradient { get; }

    /// <summary>
    /// The largest subnormal magnitude, in units of 2⁻¹⁴⁹, that <see cref="DecaySmall"/> leaves unchanged (0 when
    /// none is known); a third of the spam model's first-layer moments sit at such values once its dead units settle.
    /// </summary>
    public uint StuckUnits { get; }

    /// <summary>The magnitude below which <see cref="DecaySmall"/> applies: at least 2⁻¹²⁵, at most 2⁻¹²².</summary>
    public float SmallMomentLimit { get; }

    /// <summary>Whether <see cref="DecaySecondSubnormals"/> applies to this β₂ on this machine.</summary>
    public bool CanDecaySecondSubnormals { get; }

    /// <summary>Whether <see cref="DecaySmall"/> applies to these betas on this machine.</summary>
    public bool CanDecaySubnormals { get; }

    /// <summary>The one predicate of the plain path: whether any lane of m, v or g is tiny.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Applies(Vector256<float> m, Vector256<float> v, Vector256<float> g) => _careful
        && (Vector256.LessThan((m.AsUInt32() & Vector256.Create(0x7FFFFFFFu)) - Vector256<uint>.One, Vector256.Create(_smallMomentBits))
            | Vector256.LessThan((v.AsUInt32() & Vector256.Create(0x7FFFFFFFu)) - Vector256<uint>.One, Vector256.Create(SmallSecondMoment))
            | Vector256.LessThan((g.AsUInt32() & Vector256.Create(0x7FFFFFFFu)) - Vector256<uint>.One, Vector256.Create(SmallGradient))) != Vector256<uint>.Zero;

    /// <inheritdoc cref="Applies(Vector256{float}, Vector256{float}, Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Applies(Vector512<float> m, Vector512<float> v, Vector512<float> g) => _careful
        && (Vector512.LessThan((m.AsUInt32() & Vector512.Create(0x7FFFFFFFu)) - Vector512<uint>.One, Vector512.Create(_smallMomentBits))
            | Vector512.LessThan((v.AsUInt32() & Vector512.Create(0x7FFFFFFFu)) - Vector512<uint>.One, Vector512.Create(SmallSecondMoment))
            | Vector512.LessThan((g.AsUInt32() & Vector512.Create(0x7FFFFFFFu)) - Vector512<uint>.One, Vector512.Create(SmallGradient))) != Vector512<uint>.Zero;

    /// <summary>
    /// One 512-bit vector with tiny values (a call of its own, so that the plain loop keeps its registers); θ, m, v
    /// and v̂ still hold their old values, <paramref name="t"/> and <paramref name="g"/> are θ and g after weight decay.
    /// The common cases stay 512 bits wide: lanes of units without gradient whose first moments decayed below the
    /// small-moment limit enter the float formula with m = 0, then keep θ where provably unmoved and decay m exactly;
    /// gradients whose squares underflow enter v as 0 where exact. Anything else goes a half at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Update(in AdamOperator op, ref Vector512<float> theta, ref Vector512<float> m, ref Vector512<float> v,
        ref Vector512<float> vMax, Vector512<float> t, Vector512<float> g, Vector512<float> mPrev, Vector512<float> vPrev)
    {
        AdamTinyValues s = op.Tiny;
        var magnitude = Vector512.Create(0x7FFFFFFFu);
        Vector512<uint> decaying = Vector512.LessThan((mPrev.AsUInt32() & magnitude) - Vector512<uint>.One, Vector512.Create(s._smallMomentBits));
        // Gradients whose squares underflow enter the second moment as 0 where v·β₂ > 2⁻⁹⁰ keeps that exact (see
        // TrySecondWithoutTinyGradients).
        Vector512<uint> tinyGradient = Vector512.LessThan((g.AsUInt32() & magnitude) - Vector512<uint>.One, Vector512.Create(SmallGradient));
        Vector512<uint> other = Vector512.LessThan((vPrev.AsUInt32() & magnitude) - Vector512<uint>.One, Vector512.Create(SmallSecondMoment))
            | Vector512.AndNot(tinyGradient, Vector512.GreaterThan(vPrev * Vector512.Create(s._beta2), Vector512.Create(BitConverter.Int32BitsToSingle(37 << 23))).AsUInt32())
            | Vector512.AndNot(decaying, Vector512.Equals(g.AsUInt32(), Vector512<uint>.Zero));
        if (other == Vector512<uint>.Zero)
        {
            Vector512<float> mk = op.Moments.First(Vector512.AndNot(mPrev, decaying.AsSingle()), g);
            Vector512<float> vk = op.Moments.Second(vPrev, Vector512.AndNot(g, tinyGradient.AsSingle()));
            Vector512<float> vHat = op.Amsgrad ? Vector512.Max(vMax, vk) : vk;
            Vector512<float> denom = Vector512.Sqrt(vHat) / Vector512.Create(op.BiasCorrection2Sqrt) + Vector512.Create(op.Eps);
            Vector512<float> size = Vector512.Abs(t);
            Vector512<uint> unmoved = (Vector512.GreaterThan(size * denom, Vector512.Create(SmallMomentBound(op)))
                & Vector512.GreaterThan(size, Vector512.Create(BitConverter.Int32BitsToSingle(27 << 23)))).AsUInt32(); // 2⁻¹⁰⁰
            if (Vector512.AndNot(decaying, unmoved) == Vector512<uint>.Zero)
            {
                Vector512<float> updated = t + Vector512.Create(op.NegStepSize) * (mk / denom);
                // Most such moments have reached the magnitudes that no longer change.
                Vector512<float> decayed = (Vector512.GreaterThan(mPrev.AsUInt32() & magnitude, Vector512.Create(s.StuckUnits)) & decaying) == Vector512<uint>.Zero
                    ? mPrev
                    : Vector512.Create(s.DecaySmall(mPrev.GetLower()), s.DecaySmall(mPrev.GetUpper()));
                m = Vector512.ConditionalSelect(decaying.AsSingle(), decayed, mk);
                v = vk;
                if (op.Amsgrad)
                {
                    vMax = vHat;
                }
                theta = Vector512.ConditionalSelect(decaying.AsSingle(), t, updated);
                return;
            }
        }
        Update(op, ref Half(ref theta, 0), ref Half(ref m, 0), ref Half(ref v, 0), ref Half(ref vMax, 0), t.GetLower(), g.GetLower(), mPrev.GetLower(), vPrev.GetLower());
        Update(op, ref Half(ref theta, 1), ref Half(ref m, 1), ref Half(ref v, 1), ref Half(ref vMax, 1), t.GetUpper(), g.GetUpper(), mPrev.GetUpper(), vPrev.GetUpper());
    }

    /// <summary>
    /// One 256-bit vector whose moments or gradient are tiny, bit for bit as the float formula, with the subnormal
    /// arithmetic replaced where that can be done exactly: first moments below the small-moment limit under a +0
    /// gradient decay in integers (<see cref="DecaySmall"/>) and leave θ as it is where provably unmoved; subnormal ones
    /// under a large gradient are absorbed; second moments decay in integers likewise, and their square roots are taken
    /// through a power-of-two scaling; gradients whose squares underflow leave v·β₂ unchanged where provably so.
    /// Whatever none of these covers takes the float path, assists and all. Arguments as for the 512-bit form.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Update(in AdamOperator op, ref Vector256<float> theta, ref Vector256<float> m, ref Vector256<float> v,
        ref Vector256<float> vMax, Vector256<float> t, Vector256<float> g, Vector256<float> mPrev, Vector256<float> vPrev)
    {
        AdamTinyValues s = op.Tiny;
        Vector256<float> bc2 = Vector256.Create(op.BiasCorrection2Sqrt);
        Vector256<float> eps = Vector256.Create(op.Eps);
        Vector256<float> negStep = Vector256.Create(op.NegStepSize);
        Vector256<float> zeroGradient = Vector256.Equals(g.AsUInt32(), Vector256<uint>.Zero).AsSingle();

        Vector256<uint> mMagnitude = (mPrev.AsUInt32() & Vector256.Create(0x7FFFFFFFu)) - Vector256<uint>.One;
        Vector256<float> small = Vector256.LessThan(mMagnitude, Vector256.Create(s._smallMomentBits)).AsSingle();
        Vector256<float> decaying = small & zeroGradient;
        Vector256<float> absorbed = Subnormals(mPrev) & Vector256.GreaterThanOrEqual(Vector256.Abs(g), Vector256.Create(s.AbsorbingGradient));
        Vector256<float> mk = op.Moments.First(Vector256.AndNot(mPrev, decaying | absorbed), g);

        // A vector wholly of units without gradient whose moments decayed below the limit (a dead unit's row) moves no
        // θ when even the least denominator, ε, keeps it unmoved: then neither root nor quotient is needed.
        bool wholeUnmoved = Vector256.AndNot(Vector256<float>.AllBitsSet, decaying).AsUInt32() == Vector256<uint>.Zero
            && Vector256.AndNot(Vector256<float>.AllBitsSet, Unmoved(t, eps, op)).AsUInt32() == Vector256<uint>.Zero;

        Vector256<float> vDecaying = Subnormals(vPrev) & zeroGradient;
        Vector256<float> vIn = Vector256.AndNot(vPrev, vDecaying);
        Vector256<float> tinyGrad = TinyGradients(g);
        if (tinyGrad.AsUInt32() == Vector256<uint>.Zero || !s.TrySecondWithoutTinyGradients(op.Moments, vIn, g, tinyGrad, out Vector256<float> vk))
        {
            vk = op.Moments.Second(vIn, g);
        }
        if (vDecaying.AsUInt32() != Vector256<uint>.Zero)
        {
            vk = Vector256.ConditionalSelect(vDecaying, s.DecaySecondSubnormals(vPrev), vk);
        }
        v = vk;
        if (op.Amsgrad)
        {
            vk = vMax = Vector256.Max(vMax, vk);
        }
        if (wholeUnmoved)
        {
            m = s.Stuck(mPrev, decaying) ? mPrev : s.DecaySmall(mPrev);
            theta = t; // θ after a decoupled weight decay's shrink, if any
            return;
        }
        Vector256<float> subnormalV = Subnormals(vk);
        Vector256<float> root = subnormalV.AsUInt32() == Vector256<uint>.Zero
            ? Vector256.Sqrt(vk)
            : Vector256.ConditionalSelect(subnormalV, SqrtOfSubnormals(vk), Vector256.Sqrt(Vector256.AndNot(vk, subnormalV)));
        Vector256<float> denom = root / bc2 + eps;
        Vector256<float> updated = t + negStep * (mk / denom);
        if (decaying.AsUInt32() != Vector256<uint>.Zero)
        {
            if (Vector256.AndNot(decaying, Unmoved(t, denom, op)).AsUInt32() == Vector256<uint>.Zero)
            {
                mk = Vector256.ConditionalSelect(decaying, s.Stuck(mPrev, decaying) ? mPrev : s.DecaySmall(mPrev), mk);
                updated = Vector256.ConditionalSelect(decaying, t, updated);
            }
            else
            {
                mk = op.Moments.First(Vector256.AndNot(mPrev, absorbed), g);
                updated = t + negStep * (mk / denom);
            }
        }
        m = mk;
        theta = updated;
    }

    /// <summary>
    /// The first moment for g = +0 and 0 &lt; |m| &lt; <see cref="SmallMomentLimit"/>, bit for bit, in integer
    /// arithmetic. Below the limit, m is an integer count M &lt; 2²⁷ of units of 2⁻¹⁴⁹ and the product F·(0 − m) is
    /// below 2⁻¹²⁵, where floats are spaced by one unit: it rounds, ties to even, to R = rne(F·M) units. With F = w
    /// (small weights) m + F·(0 − m) is M − R units, rounded once to float precision; with F = 1 − w, 0 − (0 − m)·F is
    /// R units. A zero result is +0, as IEEE sums give. The float path computes the same numbers, but each operation
    /// with a subnormal operand or result takes a microcode assist, which made Adam's step 2–3 times slower once units
    /// of a network stopped receiving gradient: their m decays by w·m each step through the band where that product is
    /// subnormal, then into the subnormals, where, as 0.1·M rounds to 0 for M ≤ 4, it stays.
    /// </summary>
    /// <remarks>Needs <see cref="CanDecaySubnormals"/>; lanes outside the range give meaningless values.</remarks>
    public Vector256<float> DecaySmall(Vector256<float> m)
    {
        Vector256<uint> bits = m.AsUInt32();
        Vector256<uint> sign = bits & Vector256.Create(0x80000000u);
        Vector256<uint> exponent = (bits >> 23) & Vector256.Create(0xFFu);
        Vector256<uint> fraction = bits & Vector256.Create(0x7FFFFFu);
        // M = fraction for subnormals, (2²³ + fraction) · 2^(exponent − 1) for normal numbers.
        Vector256<uint> normal = ~Vector256.Equals(exponent, Vector256<uint>.Zero);
        Vector256<uint> significand = fraction | (normal & Vector256.Create(0x800000u));
        Vector256<uint> units = Avx2.ShiftLeftLogicalVariable(significand, Vector256.Max(exponent, Vector256<uint>.One) - Vector256<uint>.One);
        Vector256<uint> rounded = ScaleUnits(units, _decaySignificand, _decayShift);
        Vector256<uint> result = _smallWeight ? units - rounded : rounded;
        // Back to a float: a count below 2²³ is a subnormal's bit pattern; a larger one converts, rounding to
        // nearest even as the float sum does, and moves down by 149 binades.
        Vector256<uint> large = Vector256.GreaterThanOrEqual(result, Vector256.Create(0x800000u));
        Vector256<uint> converted = Vector256.ConvertToSingle(result.AsInt32()).AsUInt32() - Vector256.Create(149u << 23);
        Vector256<uint> magnitude = Vector256.ConditionalSelect(large, converted, result);
        Vector256<uint> nonzero = ~Vector256.Equals(result, Vector256<uint>.Zero);
        return ((sign & nonzero) | magnitude).AsSingle();
    }

    /// <summary>
    /// The second moment for g = +0 and subnormal v, bit for bit, in integers: v·β₂ is rne(β₂·V) units of 2⁻¹⁴⁹ (then
    /// + 0·0 changes nothing). Needs <see cref="CanDecaySecondSubnormals"/>.
    /// </summary>
    public Vector256<float> DecaySecondSubnormals(Vector256<float> v) =>
        ScaleUnits(v.AsUInt32() & Vector256.Create(0x7FFFFFu), _secondSignificand, _secondShift).AsSingle();

    /// <summary>
    /// √x for lanes where x is subnormal or zero (others meaningless), bit for bit as the float square root, without
    /// the microcode assist a subnormal operand takes: √(X·2⁻¹⁴⁹) = √(2X)·2⁻⁷⁵, where 2X &lt; 2²⁴ converts exactly
    /// and the power of two scales a correctly rounded root exactly.
    /// </summary>
    public static Vector256<float> SqrtOfSubnormals(Vector256<float> x)
    {
        Vector256<int> twice = (x.AsInt32() & Vector256.Create(0x7FFFFF)) << 1;
        return Vector256.Sqrt(Vector256.ConvertToSingle(twice)) * Vector256.Create(BitConverter.Int32BitsToSingle(52 << 23)); // 2⁻⁷⁵
    }

    /// <summary>
    /// The second moment where the gradient lanes marked in <paramref name="tiny"/> (|g| &lt; 2⁻⁶⁰) are taken as 0,
    /// which gives the same bits as long as v·β₂ &gt; 2⁻⁹⁰ in those lanes: then (1 − β₂)·g·g &lt; 2⁻¹²⁰ lies below a
    /// quarter of the ulp of v·β₂, and the sum rounds to v·β₂ either way. Returns false, computing nothing, where that
    /// does not hold. The float path would compute g·g, which underflows, with a microcode assist per vector.
    /// </summary>
    private bool TrySecondWithoutTinyGradients(in Moments moments, Vector256<float> v, Vector256<float> g, Vector256<float> tiny,
        out Vector256<float> result)
    {
        Vector256<float> large = Vector256.GreaterThan(v * Vector256.Create(_beta2), Vector256.Create(BitConverter.Int32BitsToSingle(37 << 23)) /* 2⁻⁹⁰ */);
        if (Vector256.AndNot(tiny, large).AsUInt32() != Vector256<uint>.Zero)
        {
            result = default;
            return false;
        }
        result = moments.Second(v, Vector256.AndNot(g, tiny));
        return true;
    }

    /// <summary>
    /// |step| · 2⁻⁹⁴: where |θ|·denom exceeds it (and |θ| &gt; 2⁻¹⁰⁰), a first moment below 2⁻¹²² moves θ by less
    /// than an eighth of its ulp, so θ stays as it is. (A power-of-two scaling of the rounded step: exact.)
    /// </summary>
    private static float SmallMomentBound(in AdamOperator op) => MathF.Abs(op.NegStepSize) * BitConverter.Int32BitsToSingle(33 << 23);

    /// <summary>
    /// All-ones lanes where a first moment below 2⁻¹²² moves θ = <paramref name="t"/> by less than an eighth of its ulp
    /// for a denominator of at least <paramref name="denom"/>, so that θ stays as it is.
    /// </summary>
    private static Vector256<float> Unmoved(Vector256<float> t, Vector256<float> denom, in AdamOperator op)
    {
        Vector256<float> size = Vector256.Abs(t);
        return Vector256.GreaterThan(size * denom, Vector256.Create(SmallMomentBound(op)))
            & Vector256.GreaterThan(size, Vector256.Create(BitConverter.Int32BitsToSingle(27 << 23))); // 2⁻¹⁰⁰
    }

    /// <summary>Whether every lane in <paramref name="lanes"/> holds a moment that no longer changes (most of a dead unit's do).</summary>
    private bool Stuck(Vector256<float> m, Vector256<float> lanes) =>
        (Vector256.GreaterThan(m.AsUInt32() & Vector256.Create(0x7FFFFFFFu), Vector256.Create(StuckUnits)) & lanes.AsUInt32()) == Vector256<uint>.Zero;

    /// <summary>All-ones lanes where x is subnormal (0 &lt; |x| &lt; 2⁻¹²⁶), zero lanes elsewhere.</summary>
    private static Vector256<float> Subnormals(Vector256<float> x)
    {
        // |x| in units of 2⁻¹⁴⁹ lies in [1, 2²³) exactly when (|x| − 1) < 2²³ − 1 as an unsigned number.
        Vector256<uint> units = (x.AsUInt32() & Vector256.Create(0x7FFFFFFFu)) - Vector256<uint>.One;
        return Vector256.LessThan(units, Vector256.Create(0x7FFFFFu)).AsSingle();
    }

    /// <summary>All-ones lanes where 0 &lt; |g| &lt; 2⁻⁶⁰, whose square underflows.</summary>
    private static Vector256<float> TinyGradients(Vector256<float> g) =>
        Vector256.LessThan((g.AsUInt32() & Vector256.Create(0x7FFFFFFFu)) - Vector256<uint>.One, Vector256.Create(SmallGradient)).AsSingle();

    /// <summary>Half <paramref name="half"/> (0 lower, 1 upper) of a 512-bit vector in place.</summary>
    private static ref Vector256<float> Half(ref Vector512<float> x, int half) =>
        ref Unsafe.Add(ref Unsafe.As<Vector512<float>, Vector256<float>>(ref x), half);

    /// <summary>rne(F·U) for each lane's count of units U &lt; 2²³, F = significand · 2^−shift.</summary>
    private static Vector256<uint> ScaleUnits(Vector256<uint> units, ulong significand, int shift)
    {
        Vector256<uint> factor = Vector256.Create(significand).AsUInt32();
        // 32 × 32 → 64-bit products of the even lanes, then of the odd lanes moved down.
        Vector256<ulong> even = RoundToEven(Avx2.Multiply(units, factor), shift);
        Vector256<ulong> odd = RoundToEven(Avx2.Multiply((units.AsUInt64() >> 32).AsUInt32(), factor), shift);
        return (even | (odd << 32)).AsUInt32();
    }

    /// <summary>rne(p / 2^shift) for each 64-bit lane p &lt; 2⁶².</summary>
    private static Vector256<ulong> RoundToEven(Vector256<ulong> product, int shift)
    {
        Vector256<ulong> quotient = product >> shift;
        Vector256<ulong> remainder = product & Vector256.Create((1UL << shift) - 1);
        Vector256<ulong> half = Vector256.Create(1UL << (shift - 1));
        // Round up above the half, and at the half when the quotient is odd (remainders are below 2⁶², so the
        // signed comparison is exact).
        Vector256<ulong> above = Vector256.GreaterThan(remainder.AsInt64(), half.AsInt64()).AsUInt64();
        Vector256<ulong> tieToOdd = Vector256.Equals(remainder, half) & Vector256.Equals(quotient & Vector256<ulong>.One, Vector256<ulong>.One);
        return quotient - (above | tieToOdd); // a true mask is all ones, i.e. −1
    }
}
