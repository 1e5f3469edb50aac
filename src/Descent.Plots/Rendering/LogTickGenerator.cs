using System.Globalization;
using ScottPlot;

namespace Descent.Plots.Rendering;

/// <summary>
/// Ticks for an axis whose coordinates are base-10 logarithms of the data: labels show the data values
/// (<c>0.01</c>, <c>1e-5</c>), major ticks sit on decades when the range spans several of them, and on 1-2-5 or
/// evenly spaced values when it spans less than a decade, so that a narrow loss range still gets readable labels.
/// </summary>
internal sealed class LogTickGenerator : ITickGenerator
{
    private static readonly double[] s_oneTwoFive = [1, 2, 5];
    private static readonly double[] s_allDigits = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    /// <inheritdoc/>
    public Tick[] Ticks { get; set; } = [];

    /// <inheritdoc/>
    public int MaxTickCount { get; set; } = 1000;

    /// <inheritdoc/>
    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        // Horizontal labels are wider than they are tall, so a bottom axis fits fewer of them per pixel.
        float pixelsPerLabel = edge is Edge.Left or Edge.Right ? 28 : 60;
        int maxLabels = Math.Max(2, (int)(size.Length / pixelsPerLabel));
        Ticks = Generate(Math.Min(range.Min, range.Max), Math.Max(range.Min, range.Max), maxLabels)
            .Take(MaxTickCount)
            .ToArray();
    }

    /// <summary>Ticks for the log10 range [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <param name="low">The smallest visible log10 value.</param>
    /// <param name="high">The largest visible log10 value.</param>
    /// <param name="maxLabels">The most labelled ticks that fit along the axis.</param>
    internal static List<Tick> Generate(double low, double high, int maxLabels)
    {
        var ticks = new List<Tick>();
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            return ticks;
        }
        if (high - low < 1e-9)
        {
            ticks.Add(Tick.Major(low, Format(Math.Pow(10, low))));
            return ticks;
        }

        int firstDecade = (int)Math.Ceiling(low - 1e-9);
        int lastDecade = (int)Math.Floor(high + 1e-9);
        int decades = lastDecade - firstDecade + 1;
        if (decades >= 3)
        {
            int every = (int)Math.Ceiling(decades / (double)maxLabels);
            for (int k = (int)Math.Floor(low); k <= lastDecade; k++)
            {
                if (k >= firstDecade)
                {
                    ticks.Add(k % every == 0 ? Tick.Major(k, Format(Math.Pow(10, k))) : Tick.Minor(k));
                }
                if (every == 1 && decades <= 8)
                {
                    AddMinorDigits(ticks, k, low, high);
                }
            }
            return ticks;
        }

        foreach (double[] mantissas in new[] { s_oneTwoFive, s_allDigits })
        {
            List<double> values = Mantissa(mantissas, low, high);
            if (values.Count >= 3 && values.Count <= maxLabels)
            {
                foreach (double v in values)
                {
                    ticks.Add(Tick.Major(Math.Log10(v), Format(v)));
                }
                if (ReferenceEquals(mantissas, s_oneTwoFive))
                {
                    for (int k = (int)Math.Floor(low); k <= lastDecade; k++)
                    {
                        AddMinorDigits(ticks, k, low, high, skip: s_oneTwoFive);
                    }
                }
                return ticks;
            }
        }

        // Less than about half a decade: evenly spaced values read best.
        foreach (double v in EvenlySpaced(Math.Pow(10, low), Math.Pow(10, high), Math.Min(maxLabels, 6)))
        {
            ticks.Add(Tick.Major(Math.Log10(v), Format(v)));
        }
        return ticks;
    }

    /// <summary>Formats a data value for a tick label: plain decimals in a middle range, otherwise <c>2e-5</c>.</summary>
    internal static string Format(double value)
    {
        double magnitude = Math.Abs(value);
        if (value == 0 || (magnitude >= 1e-3 && magnitude < 1e5))
        {
            // Rounding to 12 significant digits hides the binary noise of values such as 3 * 0.1.
            return double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                .ToString("0.############", CultureInfo.InvariantCulture);
        }
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        double mantissa = Math.Round(value / Math.Pow(10, exponent), 10);
        if (Math.Abs(mantissa) >= 10)
        {
            mantissa /= 10;
            exponent++;
        }
        return mantissa.ToString("0.##", CultureInfo.InvariantCulture) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static void AddMinorDigits(List<Tick> ticks, int decade, double low, double high, double[]? skip = null)
    {
        for (int m = 2; m <= 9; m++)
        {
            if (skip is not null && skip.Contains(m))
            {
                continue;
            }
            double position = decade + Math.Log10(m);
            if (position >= low && position <= high)
            {
                ticks.Add(Tick.Minor(position));
            }
        }
    }

    private static List<double> Mantissa(double[] mantissas, double low, double high)
    {
        var values = new List<double>();
        for (int k = (int)Math.Floor(low); k <= (int)Math.Ceiling(high); k++)
        {
            foreach (double m in mantissas)
            {
                double v = m * Math.Pow(10, k);
                double position = Math.Log10(v);
                if (position >= low - 1e-9 && position <= high + 1e-9)
                {
                    values.Add(v);
                }
            }
        }
        return values;
    }

    private static IEnumerable<double> EvenlySpaced(double low, double high, int target)
    {
        double raw = (high - low) / Math.Max(1, target - 1);
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1.0, 2.0, 2.5, 5.0, 10.0 }.Select(m => m * power).First(s => s >= raw);
        // Multiplying rather than accumulating keeps values such as 0.3 free of summed rounding error.
        for (long i = (long)Math.Ceiling(low / step); i * step <= high * (1 + 1e-12); i++)
        {
            if (i > 0)
            {
                yield return i * step;
            }
        }
    }
}
