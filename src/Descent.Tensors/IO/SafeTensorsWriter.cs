using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Descent.IO;

/// <summary>A validated, laid-out safetensors file, ready to be written: the header bytes and the entries in data order.</summary>
/// <remarks>
/// The layout is the reference library's, so that a file written here and one it writes from the same tensors
/// agree byte for byte (up to the order of metadata keys, which it takes from a hash map): entries sorted by
/// descending alignment (I64, F64, then F32) and then by the UTF-8 bytes of their names, the data packed without
/// gaps in that order, the header listing <c>__metadata__</c> first and then the entries in data order, padded
/// with spaces to a multiple of 8 bytes so that every entry's data is aligned to its element size. Metadata keys,
/// which the reference library writes in hash order, are sorted by their UTF-8 bytes, so the output never depends
/// on a dictionary's order.
/// </remarks>
internal sealed class SafeTensorsWriter
{
    internal const string MetadataKey = "__metadata__";

    // Writes are split into slices of this many elements, because a span cannot cover more than 2 GB.
    private const int SliceElements = 1 << 20;

    private static readonly JsonWriterOptions s_jsonOptions = new()
    {
        // Names stay readable UTF-8 rather than \u escapes; the header is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly byte[] _header;
    private readonly KeyValuePair<string, TensorData>[] _entries;

    private SafeTensorsWriter(byte[] header, KeyValuePair<string, TensorData>[] entries)
    {
        _header = header;
        _entries = entries;
    }

    /// <summary>Checks the names, entries and metadata and lays out the file.</summary>
    /// <exception cref="ArgumentException">A name is reserved or not valid UTF-16, an entry is null, or a metadata string is null or not valid UTF-16.</exception>
    public static SafeTensorsWriter Create(
        IEnumerable<KeyValuePair<string, TensorData>> tensors, IReadOnlyDictionary<string, string>? metadata, string parameterName)
    {
        var entries = new List<(string Name, byte[] Utf8Name, TensorData Data)>();
        foreach ((string name, TensorData data) in tensors)
        {
            CheckString(name, "Tensor name", parameterName);
            if (name == MetadataKey)
            {
                throw new ArgumentException($"'{MetadataKey}' is reserved for the metadata and cannot name a tensor.", parameterName);
            }
            if (data is null)
            {
                throw new ArgumentException($"The entry for tensor '{name}' is null.", parameterName);
            }
            entries.Add((name, Encoding.UTF8.GetBytes(name), data));
        }
        entries.Sort((a, b) =>
        {
            int byType = TensorDTypes.WriteRank(a.Data.DType).CompareTo(TensorDTypes.WriteRank(b.Data.DType));
            return byType != 0 ? byType : a.Utf8Name.AsSpan().SequenceCompareTo(b.Utf8Name);
        });

        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json, s_jsonOptions))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(MetadataKey);
                var pairs = new List<(byte[] Utf8Key, string Key, string Value)>(metadata.Count);
                foreach ((string key, string value) in metadata)
                {
                    CheckString(key, "Metadata key", nameof(metadata));
                    CheckString(value, $"Metadata value for '{key}'", nameof(metadata));
                    pairs.Add((Encoding.UTF8.GetBytes(key), key, value));
                }
                pairs.Sort((a, b) => a.Utf8Key.AsSpan().SequenceCompareTo(b.Utf8Key));
                foreach ((_, string key, string value) in pairs)
                {
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
            long offset = 0;
            foreach ((string name, _, TensorData data) in entries)
            {
                writer.WriteStartObject(name);
                writer.WriteString("dtype", TensorDTypes.Code(data.DType));
                writer.WriteStartArray("shape");
                foreach (int d in data.Shape)
                {
                    writer.WriteNumberValue(d);
                }
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                offset += data.ByteLength;
                writer.WriteNumberValue(offset);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }

        int padded = (json.WrittenCount + 7) / 8 * 8;
        var header = new byte[sizeof(ulong) + padded];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)padded);
        json.WrittenSpan.CopyTo(header.AsSpan(sizeof(ulong)));
        header.AsSpan(sizeof(ulong) + json.WrittenCount).Fill((byte)' ');

        return new SafeTensorsWriter(header, entries.Select(e => KeyValuePair.Create(e.Name, e.Data)).ToArray());
    }

    /// <summary>Writes the file to <paramref name="stream"/> from its current position.</summary>
    public void WriteTo(Stream stream)
    {
        stream.Write(_header);
        foreach ((_, TensorData data) in _entries)
        {
            for (int start = 0; start < data.NumElements; start += SliceElements)
            {
                stream.Write(data.GetBytes(start, Math.Min(SliceElements, data.NumElements - start)));
            }
        }
    }

    /// <summary>Refuses null and strings with unpaired surrogates, which have no UTF-8 form.</summary>
    private static void CheckString(string? value, string what, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentException($"{what} is null.", parameterName);
        }
        ReadOnlySpan<char> rest = value;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out int consumed) != OperationStatus.Done)
            {
                throw new ArgumentException($"{what} '{value}' holds an unpaired surrogate and has no UTF-8 form.", parameterName);
            }
            rest = rest[consumed..];
        }
    }
}
