namespace Descent.IO;

/// <summary>
/// The tags every Descent file carries in its safetensors metadata: what it holds (<c>descent.kind</c>:
/// <c>module</c>, <c>optimizer</c>, <c>checkpoint</c>, …) and the version of that kind's layout
/// (<c>descent.format_version</c>), both checked before anything else is read.
/// </summary>
public static class DescentFile
{
    /// <summary>The metadata key of the file's kind.</summary>
    public const string KindKey = "descent.kind";

    /// <summary>The metadata key of the layout version.</summary>
    public const string FormatVersionKey = "descent.format_version";

    /// <summary>Metadata with the kind and version tags, to which callers add their own entries.</summary>
    public static Dictionary<string, string> Tags(string kind, string version) => new()
    {
        [KindKey] = kind,
        [FormatVersionKey] = version,
    };

    /// <summary>Checks a file's kind tag and format version.</summary>
    /// <exception cref="TensorFileException">The tag is missing or different, or the version is not <paramref name="version"/>.</exception>
    public static void CheckKind(SafeTensorsFile file, string kind, string version)
    {
        ArgumentNullException.ThrowIfNull(file);
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
