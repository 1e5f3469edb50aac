using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Descent.IO;

/// <summary>
/// The tags every Descent file carries in its safetensors metadata: what it holds (<c>descent.kind</c>:
/// <c>module</c>, <c>optimizer</c>, <c>checkpoint</c>, …), the version of that kind's layout
/// (<c>descent.format_version</c>), and a SHA-256 of everything else in the file (<c>descent.sha256</c>: every
/// entry's name, dtype, shape and bytes, and every other metadata entry), all checked before anything is used.
/// The checksum turns any corruption of a Descent file — a flipped bit in the data included — into a clear
/// error, where the safetensors format alone would load the changed values.
/// </summary>
public static class DescentFile
{
    /// <summary>The metadata key of the file's kind.</summary>
    public const string KindKey = "descent.kind";

    /// <summary>The metadata key of the layout version.</summary>
    public const string FormatVersionKey = "descent.format_version";

    /// <summary>The metadata key of the checksum.</summary>
    public const string ChecksumKey = "descent.sha256";

    /// <summary>Metadata with the kind and version tags, to which callers add their own entries.</summary>
    public static Dictionary<string, string> Tags(string kind, string version) => new()
    {
        [KindKey] = kind,
        [FormatVersionKey] = version,
    };

    /// <summary>Writes a Descent file atomically: <paramref name="metadata"/> (with its tags) plus the checksum.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, Dictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(metadata);
        metadata[ChecksumKey] = Checksum(tensors.Select(kv => (kv.Key, TensorData.Wrap(kv.Value))), metadata);
        SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Checks a file's checksum, kind tag and format version.
    /// </summary>
    /// <exception cref="TensorFileException">
    /// The checksum is missing or does not match (the file was changed or damaged), the tag is missing or different,
    /// or the version is not <paramref name="version"/>.
    /// </exception>
    public static void CheckKind(SafeTensorsFile file, string kind, string version)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.Metadata.TryGetValue(KindKey, out _))
        {
            throw new TensorFileException(file.SourceName, $"it is not a Descent {kind} file (no '{KindKey}' in its metadata)");
        }
        if (!file.Metadata.TryGetValue(ChecksumKey, out string? expected))
        {
            throw new TensorFileException(file.SourceName, $"it has no '{ChecksumKey}' checksum");
        }
        if (Checksum(file.Tensors.Select(kv => (kv.Key, kv.Value)), file.Metadata) != expected)
        {
            throw new TensorFileException(file.SourceName, "its checksum does not match its contents: the file was changed or is damaged");
        }
        if (!file.Metadata.TryGetValue(KindKey, out string? actual))
        {
            throw new TensorFileException(file.SourceName, $"it is not a Descent {kind} file (no '{KindKey}' in its metadata)");
        }
        if (actual != kind)
        {
            throw new TensorFileException(file.SourceName, $"it is a Descent {actual} file, not a {kind} file");
        }
        if (!file.Metadata.TryGetValue(FormatVersionKey, out string? v) || v != version)
        {
            throw new TensorFileException(file.SourceName, $"its format version is {v ?? "missing"}; this version of Descent reads version {version}");
        }
    }

    /// <summary>SHA-256 over every entry (sorted by name: name, dtype, shape, bytes) and every metadata entry but the checksum.</summary>
    private static string Checksum(IEnumerable<(string Name, TensorData Data)> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] number = new byte[8];
        void Text(string s)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(s));
            sha.AppendData([0]);
        }
        void Number(long n)
        {
            BinaryPrimitives.WriteInt64LittleEndian(number, n);
            sha.AppendData(number);
        }
        foreach ((string name, TensorData data) in tensors.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            Text(name);
            Text(TensorDTypes.Code(data.DType));
            Number(data.Shape.Length);
            foreach (int d in data.Shape)
            {
                Number(d);
            }
            const int slice = 1 << 20;
            for (int start = 0; start < data.NumElements; start += slice)
            {
                sha.AppendData(data.GetBytes(start, Math.Min(slice, data.NumElements - start)));
            }
        }
        foreach ((string key, string value) in metadata.Where(kv => kv.Key != ChecksumKey).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Text(key);
            Text(value);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>A metadata entry that must be present.</summary>
    /// <exception cref="TensorFileException">The entry is missing.</exception>
    public static string Require(SafeTensorsFile file, string key)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Metadata.TryGetValue(key, out string? value)
            ? value
            : throw new TensorFileException(file.SourceName, $"its metadata lacks '{key}'");
    }
}
