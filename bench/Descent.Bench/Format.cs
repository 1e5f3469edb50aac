using System.Globalization;

namespace Descent.Bench;

/// <summary>Number formatting for the report, culture-invariant.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A count as 10M, 10k or 57.</summary>
    public static string Count(long n) => n switch
    {
        >= 1_000_000 when n % 1_000_000 == 0 => $"{n / 1_000_000}M",
        >= 1_000 when n % 1_000 == 0 => $"{n / 1_000}k",
        _ => n.ToString(Invariant),
    };

    /// <summary>A duration in the unit that suits it.</summary>
    public static string Seconds(double s) => s switch
    {
        double.NaN => "n/a",
        >= 1 => F(s, 2) + " s",
        >= 1e-3 => F(s * 1e3, 2) + " ms",
        _ => F(s * 1e6, 1) + " µs",
    };

    /// <summary>A number with <paramref name="digits"/> decimals, or n/a.</summary>
    public static string F(double x, int digits) =>
        double.IsNaN(x) || double.IsInfinity(x) ? "n/a" : x.ToString("F" + digits.ToString(Invariant), Invariant);

    /// <summary>A ratio as 4.2×, or n/a.</summary>
    public static string Ratio(double x) => double.IsNaN(x) || double.IsInfinity(x) ? "n/a" : F(x, x >= 10 ? 1 : 2) + "×";

    /// <summary>A whole number of bytes.</summary>
    public static string Bytes(double b) => double.IsNaN(b) ? "n/a" : Math.Round(b).ToString("N0", Invariant);
}
