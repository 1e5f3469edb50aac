using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Descent.Optim.Kernels;

/// <summary>
/// The running moment estimates of the Adam family, computed as current PyTorch does on float32 tensors:
/// m ← lerp(m, g, 1 − β₁) and v ← β₂v + (1 − β₂)g².
/// </summary>
internal readonly struct Moments
{
    private readonly float _weight;         // 1 − β₁, the lerp weight
    private readonly float _oneMinusWeight; // 1 − (1 − β₁), in float32 as PyTorch's lerp computes it
    private readonly bool _smallWeight;
    private readonly float _beta2;
    private readonly float _oneMinusBeta2;

    // The factor F by which First scales a subnormal m when g = 0, as the integer significand and shift of
    // F = significand · 2^−shift; zero significand when F = 0. Valid only where CanDecaySubnormals.
    private readonly ulong _decaySignificand;
    private readonly int _decayShift;

    // β₂ as significand · 2^−shift, for the second moment's decay of subnormals under a zero gradient.
    private readonly ulong _secondSignificand;
    private readonly int _secondShift;

    public Moments((double Beta1, double Beta2) betas)
    {
        _weight = (float)(1 - betas.Beta1);
        _oneMinusWeight = 1f - _weight;
        _smallWeight = Math.Abs(_weight) < 0.5f;
        _beta2 = (float)betas.Beta2;
        _oneMinusBeta2 = (float)(1 - betas.Beta2);

        // With g = 0, First computes m + w·(0 − m) or 0 − (0 − m)·(1 − w): one product rounded once, by w or 1 − w.
        float factor = _smallWeight ? _weight : _oneMinusWeight;
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
        AbsorbingGradient = (float)(_smallWeight ? Math.Max(Math.ScaleB(1.0, -90), Math.ScaleB(1.0, -99) / _weight) : Math.ScaleB(1.0, -90));
    }

    /// <summary>
    /// The least |g| for which <see cref="First(Vector256{float}, Vector256{float})"/> gives the same bits for any
    /// subnormal m as for m = 0 (infinite when no such bound exists).
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

    /// <summary>1 − βᵗ, in double from the step count.</summary>
    public static double BiasCorrection(double beta, int step) => 1 - Math.Pow(beta, step);

    /// <summary>
    /// m ← m + (1 − β₁)(g − m). Like PyTorch's lerp, a weight of ½ or more computes g − (g − m)β₁ instead, which
    /// rounds better there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float First(float m, float g) => _smallWeight ? m + _weight * (g - m) : g - (g - m) * _oneMinusWeight;

    /// <summary>v ← β₂v + (1 − β₂)g².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Second(float v, float g) => v * _beta2 + _oneMinusBeta2 * g * g;

    /// <inheritdoc cref="First(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> First(Vector256<float> m, Vector256<float> g) => _smallWeight
        ? m + Vector256.Create(_weight) * (g - m)
        : g - (g - m) * Vector256.Create(_oneMinusWeight);

    /// <summary>
    /// <see cref="First(Vector256{float}, Vector256{float})"/> for g = +0 and 0 &lt; |m| &lt; <see cref="SmallMomentLimit"/>,
    /// bit for bit, in integer arithmetic. Below the limit, m is an integer count M &lt; 2²⁷ of units of 2⁻¹⁴⁹ and the
    /// product F·(0 − m) is below 2⁻¹²⁵, where floats are spaced by one unit: it rounds, ties to even, to R = rne(F·M)
    /// units. With F = w (small weights) m + F·(0 − m) is M − R units, rounded once to float precision; with F = 1 − w,
    /// 0 − (0 − m)·F is R units. A zero result is +0, as IEEE sums give. The float path computes the same numbers, but
    /// each operation with a subnormal operand or result takes a microcode assist, which made Adam's step 2–3 times
    /// slower once units of a network stopped receiving gradient: their m decays by w·m each step through the band
    /// where that product is subnormal, then into the subnormals, where, as 0.1·M rounds to 0 for M ≤ 4, it stays.
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
    /// <see cref="Second(Vector256{float}, Vector256{float})"/> for g = +0 and subnormal v, bit for bit, in integers:
    /// v·β₂ is rne(β₂·V) units of 2⁻¹⁴⁹ (then + 0·0 changes nothing). Needs <see cref="CanDecaySecondSubnormals"/>.
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

    /// <summary>
    /// <see cref="Second(Vector256{float}, Vector256{float})"/> where the gradient lanes marked in <paramref name="tiny"/>
    /// (|g| &lt; 2⁻⁶⁰) are taken as 0, which gives the same bits as long as v·β₂ &gt; 2⁻⁹⁰ in those lanes: then
    /// (1 − β₂)·g·g &lt; 2⁻¹²⁰ lies below a quarter of the ulp of v·β₂, and the sum rounds to v·β₂ either way. Returns
    /// false, computing nothing, where that does not hold. The float path would compute g·g, which underflows, with a
    /// microcode assist per vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TrySecondWithoutTinyGradients(Vector256<float> v, Vector256<float> g, Vector256<float> tiny, out Vector256<float> result)
    {
        Vector256<float> decayed = v * Vector256.Create(_beta2);
        Vector256<float> large = Vector256.GreaterThan(decayed, Vector256.Create(BitConverter.Int32BitsToSingle(37 << 23)) /* 2⁻⁹⁰ */);
        if (Vector256.AndNot(tiny, large).AsUInt32() != Vector256<uint>.Zero)
        {
            result = default;
            return false;
        }
        Vector256<float> kept = Vector256.AndNot(g, tiny);
        result = decayed + Vector256.Create(_oneMinusBeta2) * kept * kept;
        return true;
    }

    /// <inheritdoc cref="First(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> First(Vector512<float> m, Vector512<float> g) => _smallWeight
        ? m + Vector512.Create(_weight) * (g - m)
        : g - (g - m) * Vector512.Create(_oneMinusWeight);

    /// <inheritdoc cref="Second(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Second(Vector512<float> v, Vector512<float> g) =>
        v * Vector512.Create(_beta2) + Vector512.Create(_oneMinusBeta2) * g * g;

    /// <inheritdoc cref="Second(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Second(Vector256<float> v, Vector256<float> g) =>
        v * Vector256.Create(_beta2) + Vector256.Create(_oneMinusBeta2) * g * g;
}
