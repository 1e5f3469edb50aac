using System.Globalization;
using System.Numerics;
using System.Text;

namespace Descent;

/// <summary>
/// Python's <c>'{:.Nf}'</c> and <c>'{:.Ne}'</c> formatting of a double: correctly rounded from the exact
/// binary value, ties to even.
/// </summary>
/// <remarks>
/// .NET's "F" and "E" specifiers round ties away from zero, so 0.03125 would print as 0.0313 where PyTorch
/// prints 0.0312. Exact rational arithmetic keeps the printed digits identical to PyTorch's.
/// </remarks>
internal static class FloatFormat
{
    /// <summary>Formats like Python's <c>'{:.<paramref name="decimals"/>f}'.format(value)</c>.</summary>
    public static string Fixed(double value, int decimals)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }
        (BigInteger num, BigInteger den) = Exact(Math.Abs(value));
        BigInteger q = RoundHalfEven(num * BigInteger.Pow(10, decimals), den);
        string digits = q.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var sb = new StringBuilder();
        if (double.IsNegative(value))
        {
            sb.Append('-');
        }
        sb.Append(digits, 0, digits.Length - decimals);
        if (decimals > 0)
        {
            sb.Append('.').Append(digits, digits.Length - decimals, decimals);
        }
        return sb.ToString();
    }

    /// <summary>Formats like Python's <c>'{:.<paramref name="decimals"/>e}'.format(value)</c>, e.g. <c>1.0000e+05</c>.</summary>
    public static string Scientific(double value, int decimals)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }
        double abs = Math.Abs(value);
        int exponent = 0;
        BigInteger q = BigInteger.Zero;
        if (abs != 0)
        {
            (BigInteger num, BigInteger den) = Exact(abs);
            // The estimate can be off by one near powers of ten; the exact comparisons below settle it.
            exponent = (int)Math.Floor(Math.Log10(abs));
            if (Compare(num, den, exponent) < 0)
            {
                exponent--;
            }
            else if (Compare(num, den, exponent + 1) >= 0)
            {
                exponent++;
            }
            q = RoundHalfEven(Scale(num, decimals - exponent), Scale(den, exponent - decimals));
            if (q >= BigInteger.Pow(10, decimals + 1))
            {
                // Rounding carried into a new digit (9.99995 → 10.0000): the value is exactly 10^(exponent+1).
                q /= 10;
                exponent++;
            }
        }
        string digits = q.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var sb = new StringBuilder();
        if (double.IsNegative(value))
        {
            sb.Append('-');
        }
        sb.Append(digits[0]);
        if (decimals > 0)
        {
            sb.Append('.').Append(digits, 1, decimals);
        }
        sb.Append('e').Append(exponent < 0 ? '-' : '+');
        sb.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

    /// <summary>A non-negative finite double as the exact fraction num / den, den a power of two.</summary>
    private static (BigInteger Num, BigInteger Den) Exact(double abs)
    {
        long bits = BitConverter.DoubleToInt64Bits(abs);
        int biased = (int)(bits >> 52) & 0x7FF;
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (biased == 0)
        {
            biased = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }
        int exponent = biased - 1075;
        return exponent >= 0
            ? (new BigInteger(mantissa) << exponent, BigInteger.One)
            : (new BigInteger(mantissa), BigInteger.One << -exponent);
    }

    /// <summary>x · 10^k for k ≥ 0, and x for k &lt; 0 (the other side of the fraction takes the power).</summary>
    private static BigInteger Scale(BigInteger x, int k) => k > 0 ? x * BigInteger.Pow(10, k) : x;

    /// <summary>The sign of num / den − 10^k.</summary>
    private static int Compare(BigInteger num, BigInteger den, int k) =>
        Scale(num, -k).CompareTo(Scale(den, k));

    private static BigInteger RoundHalfEven(BigInteger num, BigInteger den)
    {
        BigInteger q = BigInteger.DivRem(num, den, out BigInteger r);
        int c = (r * 2).CompareTo(den);
        return c > 0 || (c == 0 && !q.IsEven) ? q + 1 : q;
    }
}
