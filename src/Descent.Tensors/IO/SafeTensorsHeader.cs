using System.Text.Json;
using System.Text.Unicode;

namespace Descent.IO;

/// <summary>The parsed JSON header of a safetensors file: its entries, each checked on its own, and its metadata.</summary>
/// <remarks>
/// Stricter than the format strictly needs, on purpose: duplicate keys, unknown fields, non-integer numbers and a
/// <c>__metadata__</c> that is not an object of strings are refused, so that a file has exactly one reading.
/// </remarks>
internal sealed class SafeTensorsHeader
{
    private const int MaxShownChars = 80;

    private readonly string _sourceName;
    private readonly long _dataLength;

    private SafeTensorsHeader(string sourceName, long dataLength)
    {
        _sourceName = sourceName;
        _dataLength = dataLength;
    }

    /// <summary>The entries in header order.</summary>
    public List<HeaderEntry> Entries { get; } = [];

    /// <summary>The metadata in header order; empty when the header has none.</summary>
    public OrderedDictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="header"/> and checks each entry's dtype, shape and byte range.</summary>
    /// <param name="header">The header bytes, padding included.</param>
    /// <param name="dataLength">The number of bytes that follow the header, which no entry may run past.</param>
    /// <param name="sourceName">The name to put in error messages.</param>
    /// <exception cref="TensorFileException">The header is malformed.</exception>
    public static SafeTensorsHeader Parse(ReadOnlyMemory<byte> header, long dataLength, string sourceName)
    {
        var result = new SafeTensorsHeader(sourceName, dataLength);
        result.Parse(header);
        return result;
    }

    private void Parse(ReadOnlyMemory<byte> header)
    {
        // The reference library checks the first byte too; it also keeps a byte-order mark from passing as JSON.
        if (header.IsEmpty || header.Span[0] != (byte)'{')
        {
            throw Fail("the header does not start with '{'");
        }
        if (!Utf8.IsValid(header.Span))
        {
            throw Fail("the header is not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw Fail($"the header is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                string name = NameOf(property);
                if (!names.Add(name))
                {
                    throw Fail($"the header names {Show(name)} twice");
                }
                if (name == SafeTensorsWriter.MetadataKey)
                {
                    ParseMetadata(property.Value);
                }
                else
                {
                    Entries.Add(ParseEntry(name, property.Value));
                }
            }
        }
    }

    private void ParseMetadata(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Fail($"'{SafeTensorsWriter.MetadataKey}' is {KindOf(value)}, not an object of strings");
        }
        foreach (JsonProperty property in value.EnumerateObject())
        {
            string key = NameOf(property);
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw Fail($"metadata {Show(key)} is {KindOf(property.Value)}, not a string");
            }
            if (!Metadata.TryAdd(key, StringOf(property.Value)))
            {
                throw Fail($"the metadata names {Show(key)} twice");
            }
        }
    }

    private HeaderEntry ParseEntry(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Fail($"entry {Show(name)} is {KindOf(value)}, not an object");
        }
        JsonElement? dtypeValue = null, shapeValue = null, offsetsValue = null;
        foreach (JsonProperty property in value.EnumerateObject())
        {
            string field = NameOf(property);
            switch (field)
            {
                case "dtype":
                    dtypeValue = Once(dtypeValue, property.Value, name, field);
                    break;
                case "shape":
                    shapeValue = Once(shapeValue, property.Value, name, field);
                    break;
                case "data_offsets":
                    offsetsValue = Once(offsetsValue, property.Value, name, field);
                    break;
                default:
                    throw Fail($"entry {Show(name)} has an unknown field {Show(field)}");
            }
        }

        TensorDType dtype = ParseDType(name, dtypeValue ?? throw Missing(name, "dtype"));
        int[] shape = ParseShape(name, shapeValue ?? throw Missing(name, "shape"));
        (long begin, long end) = ParseOffsets(name, offsetsValue ?? throw Missing(name, "data_offsets"));

        // Each prefix of the shape must stay within Tensor's element count, as ShapeUtil.NumElements demands.
        long count = 1;
        foreach (int d in shape)
        {
            count *= d;
            if (count > Array.MaxLength)
            {
                throw Fail($"entry {Show(name)} has shape {ShapeUtil.Format(shape)}, more than {Array.MaxLength} elements");
            }
        }
        long expected = count * TensorDTypes.ElementSize(dtype);
        if (end - begin != expected)
        {
            throw Fail(
                $"entry {Show(name)} of dtype {TensorDTypes.Code(dtype)} and shape {ShapeUtil.Format(shape)} needs {expected} bytes, " +
                $"but its data_offsets [{begin}, {end}] span {end - begin}");
        }
        return new HeaderEntry(name, dtype, shape, begin, end);
    }

    private TensorDType ParseDType(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Fail($"entry {Show(name)} has a dtype that is {KindOf(value)}, not a string");
        }
        string code = StringOf(value);
        if (TensorDTypes.TryParse(code, out TensorDType dtype))
        {
            return dtype;
        }
        throw Fail(TensorDTypes.IsOtherKnownCode(code)
            ? $"entry {Show(name)} has dtype {code}, which Descent does not read (it reads F32, F64 and I64)"
            : $"entry {Show(name)} has an unknown dtype {Show(code)}");
    }

    private int[] ParseShape(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Fail($"entry {Show(name)} has a shape that is {KindOf(value)}, not an array");
        }
        var shape = new int[value.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            long d = NonNegativeInteger(item, $"entry {Show(name)} has shape entry");
            if (d > int.MaxValue)
            {
                throw Fail($"entry {Show(name)} has shape entry {d}, above the largest size {int.MaxValue}");
            }
            shape[i++] = (int)d;
        }
        return shape;
    }

    private (long Begin, long End) ParseOffsets(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
        {
            throw Fail($"entry {Show(name)} has data_offsets {Show(value.GetRawText())}, not an array [begin, end]");
        }
        long begin = NonNegativeInteger(value[0], $"entry {Show(name)} has a data offset");
        long end = NonNegativeInteger(value[1], $"entry {Show(name)} has a data offset");
        if (begin > end)
        {
            throw Fail($"entry {Show(name)} has data_offsets [{begin}, {end}], which begin after they end");
        }
        if (end > _dataLength)
        {
            throw Fail(
                $"entry {Show(name)} has data_offsets [{begin}, {end}], past the end of the {_dataLength}-byte data section " +
                "(the file is truncated or the offsets are corrupt)");
        }
        return (begin, end);
    }

    private JsonElement Once(JsonElement? existing, JsonElement value, string name, string field) =>
        existing is null ? value : throw Fail($"entry {Show(name)} has two '{field}' fields");

    private long NonNegativeInteger(JsonElement value, string what)
    {
        // TryGetInt64 refuses fractions and exponents ("2.0", "1e3"), as the reference library's integer fields do.
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long result) || result < 0)
        {
            throw Fail($"{what} {Show(value.GetRawText())}, which is not a non-negative 64-bit integer");
        }
        return result;
    }

    private string NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            throw NotUnicode(e);
        }
    }

    private string StringOf(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw NotUnicode(e);
        }
    }

    // An escaped unpaired surrogate ("\ud800") is valid JSON syntax but has no string value.
    private TensorFileException NotUnicode(InvalidOperationException e) =>
        Fail("the header holds a string that is not valid Unicode (an unpaired surrogate escape)", e);

    private TensorFileException Missing(string name, string field) => Fail($"entry {Show(name)} has no '{field}' field");

    private TensorFileException Fail(string problem, Exception? inner = null) => new(_sourceName, problem, inner);

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Quotes a name or value for a message, shortened so that a huge corrupt header cannot flood it.</summary>
    internal static string Show(string text) =>
        text.Length <= MaxShownChars ? $"'{text}'" : $"'{text[..MaxShownChars]}…' ({text.Length} chars)";
}
