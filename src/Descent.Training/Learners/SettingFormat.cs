using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Descent.Training;

/// <summary>Formats setting values for labels, tables and messages: invariant culture, numbers to six significant digits.</summary>
internal static class SettingFormat
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable n when value.GetType().IsPrimitive => n.ToString(null, CultureInfo.InvariantCulture),
        ITuple t => "(" + string.Join(", ", Enumerable.Range(0, t.Length).Select(i => Format(t[i]))) + ")",
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Format)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary><c>name=value, …</c> for the entries of <paramref name="settings"/>, in order.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, object?>> settings) =>
        string.Join(", ", settings.Select(kv => kv.Key + "=" + Format(kv.Value)));
}
