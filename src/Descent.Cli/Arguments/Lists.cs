using System.Globalization;

namespace Descent.Cli.Arguments;

/// <summary>Comma-separated values on the command line: <c>--lr 0.01,0.001</c>, <c>--neurons 100,50</c>.</summary>
internal static class Lists
{
    public static double[] Doubles(string text, string option) => Split(text).Select(s =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new ArgumentException($"{option}: '{s}' is not a number.")).ToArray();

    public static int[] Ints(string text, string option) => Split(text).Select(s =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new ArgumentException($"{option}: '{s}' is not a whole number.")).ToArray();

    public static string[] Strings(string text) => Split(text);

    private static string[] Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
