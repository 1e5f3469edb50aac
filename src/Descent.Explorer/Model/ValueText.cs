using System.Globalization;

namespace Descent.Explorer.Model;

/// <summary>Hyperparameter values as text, for fields and the URL: numbers round-trip exactly, pairs as <c>a,b</c>.</summary>
public static class ValueText
{
    /// <summary>The text of a value (empty for none).</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        double d => Number(d),
        float f => Number(f),
        bool b => b ? "true" : "false",
        ValueTuple<double, double> p => $"{Number(p.Item1)},{Number(p.Item2)}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A number as the shortest text that reads back to the same double.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Reads a value of <paramref name="kind"/>.</summary>
    /// <exception cref="FormatException">The text is not such a value; the message says what was expected.</exception>
    public static object? Parse(HyperparameterKind kind, string text)
    {
        text = text.Trim();
        return kind switch
        {
            HyperparameterKind.Number => ParseNumber(text),
            HyperparameterKind.Integer => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)
                ? i
                : throw new FormatException($"expected a whole number, got '{text}'"),
            HyperparameterKind.Flag => text switch
            {
                "true" or "1" or "on" => true,
                "false" or "0" or "off" => false,
                _ => throw new FormatException($"expected true or false, got '{text}'"),
            },
            HyperparameterKind.Pair => text.Split(',') is [string a, string b]
                ? (ParseNumber(a), ParseNumber(b))
                : throw new FormatException($"expected two numbers a,b, got '{text}'"),
            _ => text.Length == 0 ? null : text,
        };
    }

    /// <summary>Reads a finite number.</summary>
    /// <exception cref="FormatException">Not a finite number.</exception>
    public static double ParseNumber(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"expected a number, got '{text}'");
}
