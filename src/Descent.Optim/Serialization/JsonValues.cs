using System.Globalization;
using System.Text.Json;

namespace Descent.Optim.Serialization;

/// <summary>
/// Hyperparameter and scheduler values as JSON: numbers (doubles written in shortest round-trip form, so they
/// load bit-for-bit; non-finite ones as the strings <c>"inf"</c>, <c>"-inf"</c>, <c>"nan"</c>), booleans, strings,
/// null, pairs and lists of numbers, string-keyed dictionaries of such values (read back as
/// <see cref="Dictionary{TKey, TValue}"/>) and lists of any of them.
/// </summary>
public static class JsonValues
{
    /// <summary>Writes <paramref name="value"/> as JSON.</summary>
    /// <exception cref="ArgumentException">A value of a type that has no JSON form here.</exception>
    public static void Write(Utf8JsonWriter w, object? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int or long:
                w.WriteNumberValue(System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case float or double:
                double d = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(d))
                {
                    w.WriteRawValue(d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal));
                }
                else
                {
                    w.WriteStringValue(double.IsNaN(d) ? "nan" : d > 0 ? "inf" : "-inf");
                }
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case ValueTuple<double, double> or ValueTuple<double?, double>:
                var pair = (System.Runtime.CompilerServices.ITuple)value;
                Write(w, new[] { pair[0], pair[1] });
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                w.WriteStartObject();
                foreach ((string key, object? item) in map)
                {
                    w.WritePropertyName(key);
                    Write(w, item);
                }
                w.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                w.WriteStartArray();
                foreach (object? item in items)
                {
                    Write(w, item);
                }
                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"A value of type {value.GetType().Name} cannot be saved in a state dict.");
        }
    }

    /// <summary>Writes <paramref name="value"/> as a JSON document.</summary>
    public static string Serialize(object? value)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, value);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a JSON document written by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">The text is not such a document.</exception>
    public static object? Deserialize(string json)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            return Read(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new FormatException($"malformed JSON ({e.Message})", e);
        }
    }

    /// <summary>
    /// Reads a value: integers written as such as <see cref="int"/>, other numbers as <see cref="double"/>, number arrays
    /// (pairs too) as <see cref="double"/> arrays, other arrays as <see cref="object"/> arrays.
    /// </summary>
    public static object? Read(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when e.TryGetInt32(out int i) && !e.GetRawText().Contains('.') && !e.GetRawText().Contains('e') => i,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString() switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" => double.NaN,
            var s => s,
        },
        JsonValueKind.Array => e.EnumerateArray().Select(Read).ToArray() is var items && items.All(x => x is int or double)
            ? items.Select(x => System.Convert.ToDouble(x, CultureInfo.InvariantCulture)).ToArray()
            : (object)items,
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Read(p.Value)),
        _ => throw new FormatException($"unexpected JSON value {e.GetRawText()}"),
    };
}
