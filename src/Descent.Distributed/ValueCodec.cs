using System.Globalization;
using Descent.Training;

namespace Descent.Distributed;

/// <summary>
/// Writes hyperparameter values as tagged text and reads them back as the same type (<c>i:16</c>, <c>d:0.001</c>,
/// <c>b:true</c>, <c>s:adam</c>, <c>ia:64,32</c>, <c>dp:0.9,0.999</c>, <c>n:</c>), so a worker rebuilds exactly the
/// learner the study was created with: a JSON number alone cannot tell the integer 1 from the double 1.0.
/// </summary>
internal static class ValueCodec
{
    public static string Encode(object? value) => value switch
    {
        null => "n:",
        int i => "i:" + i.ToString(CultureInfo.InvariantCulture),
        long l when l is >= int.MinValue and <= int.MaxValue => "i:" + l.ToString(CultureInfo.InvariantCulture),
        double d => "d:" + d.ToString("R", CultureInfo.InvariantCulture),
        float f => "d:" + ((double)f).ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "b:true" : "b:false",
        string s => "s:" + s,
        Activation a => "s:" + a,
        IEnumerable<int> sizes => "ia:" + string.Join(",", sizes.Select(x => x.ToString(CultureInfo.InvariantCulture))),
        ValueTuple<double, double> p => "dp:" + p.Item1.ToString("R", CultureInfo.InvariantCulture) + "," + p.Item2.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"A study cannot carry the value {SettingFormat.Format(value)} of type {value.GetType().Name}.", nameof(value)),
    };

    public static object? Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw new InvalidDataException($"The study value '{text}' has no type tag.");
        }
        string tag = text[..colon];
        string body = text[(colon + 1)..];
        return tag switch
        {
            "n" => null,
            "i" => int.Parse(body, CultureInfo.InvariantCulture),
            "d" => double.Parse(body, CultureInfo.InvariantCulture),
            "b" => body == "true",
            "s" => body,
            "ia" => body.Length == 0 ? Array.Empty<int>() : body.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray(),
            "dp" => (double.Parse(body.Split(',')[0], CultureInfo.InvariantCulture), double.Parse(body.Split(',')[1], CultureInfo.InvariantCulture)),
            _ => throw new InvalidDataException($"The study value '{text}' has an unknown type tag '{tag}'."),
        };
    }

    public static Dictionary<string, string> EncodeAll(IEnumerable<KeyValuePair<string, object>> values) =>
        values.ToDictionary(kv => kv.Key, kv => Encode(kv.Value));

    public static Dictionary<string, object> DecodeAll(IReadOnlyDictionary<string, string> values) =>
        values.ToDictionary(kv => kv.Key, kv => Decode(kv.Value)!);
}
