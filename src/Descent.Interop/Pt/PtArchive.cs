using System.IO.Compression;
using System.Text;
using Descent.IO;

namespace Descent.Interop.Pt;

/// <summary>
/// Reads the zip archive <c>torch.save</c> writes (since PyTorch 1.6): <c>{name}/data.pkl</c> (the pickle),
/// <c>{name}/data/{key}</c> (one raw storage each), <c>{name}/version</c> and, since 2.1, <c>{name}/byteorder</c>.
/// </summary>
/// <remarks>
/// Every entry must be stored, as torch writes them: a compressed entry is refused, so that a small file cannot
/// inflate into a large allocation (a zip bomb). Every read is bounded by the entry's declared size and checked
/// against it, and a storage's size must be exactly what the pickle says. All problems are
/// <see cref="TensorFileException"/>s naming the file.
/// </remarks>
internal static class PtArchive
{
    /// <summary>The largest pickle Descent reads; torch's state dicts are a few kilobytes per thousand tensors.</summary>
    public const int MaxPickleBytes = 64 << 20;

    /// <summary>Reads and unpickles the file at <paramref name="path"/>.</summary>
    /// <exception cref="TensorFileException">The file is not a torch zip archive, is damaged, or its pickle is refused.</exception>
    /// <exception cref="IOException">The file could not be opened.</exception>
    public static object? Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        if (!stream.CanSeek)
        {
            throw new TensorFileException(path, "it is not a regular file (a pipe or device cannot be measured before it is read)");
        }
        return Read(stream, path);
    }

    /// <summary>Reads and unpickles a torch archive that spans the seekable <paramref name="stream"/>.</summary>
    public static object? Read(Stream stream, string sourceName)
    {
        CheckMagic(stream, sourceName);
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            ZipArchiveEntry pickle = FindPickle(zip);
            string prefix = pickle.FullName[..^"data.pkl".Length];
            CheckByteOrder(zip, prefix);
            CheckVersion(zip, prefix);
            byte[] data = ReadEntry(pickle, MaxPickleBytes, stream.Length);
            var storages = new Dictionary<string, PtStorage>(StringComparer.Ordinal);
            return PickleReader.Read(data, (key, element, count) => Storage(zip, prefix, storages, key, element, count, stream.Length));
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or NotSupportedException
            or ArgumentException or OverflowException or IOException and not TensorFileException)
        {
            throw new TensorFileException(sourceName, OneLine(e), e);
        }
    }

    private static void CheckMagic(Stream stream, string sourceName)
    {
        Span<byte> head = stackalloc byte[4];
        long start = stream.Position;
        int read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = start;
        if (read < 4)
        {
            throw new TensorFileException(sourceName, $"it is {stream.Length} bytes long, too short for a torch.save zip archive");
        }
        if (head[0] == 0x80 && head[1] <= 5)
        {
            throw new TensorFileException(sourceName,
                "it is a bare pickle (torch.save's legacy format before PyTorch 1.6, or pickle.dump); Descent reads the zip format, so re-save it with torch.save in PyTorch >= 1.6");
        }
        if (head[0] != 'P' || head[1] != 'K')
        {
            throw new TensorFileException(sourceName, "it is not a zip archive, so not a file written by torch.save");
        }
    }

    private static ZipArchiveEntry FindPickle(ZipArchive zip)
    {
        var candidates = zip.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal)
            && e.FullName.IndexOf('/') == e.FullName.Length - "/data.pkl".Length).ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new FormatException("the archive has no '<name>/data.pkl' entry, so it was not written by torch.save"),
            _ => throw new FormatException($"the archive has {candidates.Count} '<name>/data.pkl' entries; torch.save writes one"),
        };
    }

    private static void CheckByteOrder(ZipArchive zip, string prefix)
    {
        if (zip.GetEntry(prefix + "byteorder") is { } entry)
        {
            string order = Encoding.ASCII.GetString(ReadEntry(entry, 16, long.MaxValue)).Trim();
            if (order != "little")
            {
                throw new FormatException($"its byte order is '{order}'; Descent reads little-endian files only");
            }
        }
    }

    private static void CheckVersion(ZipArchive zip, string prefix)
    {
        ZipArchiveEntry? entry = zip.GetEntry(prefix + "version") ?? zip.GetEntry(prefix + ".data/version");
        if (entry is null)
        {
            throw new FormatException($"the archive has no '{prefix}version' entry, so it was not written by torch.save");
        }
        string text = Encoding.ASCII.GetString(ReadEntry(entry, 16, long.MaxValue)).Trim();
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int version) || version < 1)
        {
            throw new FormatException($"its format version '{(text.Length > 16 ? text[..16] : text)}' is not a positive whole number");
        }
    }

    private static PtStorage Storage(ZipArchive zip, string prefix, Dictionary<string, PtStorage> storages,
        string key, PtElement element, long count, long fileLength)
    {
        if (storages.TryGetValue(key, out PtStorage? known))
        {
            return known.Element == element && known.Count == count
                ? known
                : throw new FormatException($"storage '{key}' is named with two different types or sizes");
        }
        ZipArchiveEntry entry = zip.GetEntry($"{prefix}data/{key}")
            ?? throw new FormatException($"the pickle refers to storage '{key}', but the archive has no entry '{prefix}data/{key}'");
        long expected = count > long.MaxValue / 8 ? long.MaxValue : count * ElementSize(element);
        if (entry.Length != expected)
        {
            throw new FormatException(
                $"storage '{key}' should hold {count} elements ({expected} bytes) but its entry has {entry.Length} bytes");
        }
        var storage = new PtStorage(key, element, count, ReadEntry(entry, Array.MaxLength, fileLength));
        storages[key] = storage;
        return storage;
    }

    /// <summary>Reads a stored entry whole, refusing compressed ones and any whose content is not its declared size.</summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, long limit, long fileLength)
    {
        if (entry.CompressedLength != entry.Length)
        {
            throw new FormatException(
                $"entry '{entry.FullName}' is compressed ({entry.CompressedLength} bytes for {entry.Length}); torch.save stores entries uncompressed, and Descent refuses compressed ones so that no small file inflates into a large one");
        }
        if (entry.Length > limit || entry.Length > fileLength)
        {
            throw new FormatException($"entry '{entry.FullName}' declares {entry.Length} bytes, more than {Math.Min(limit, fileLength)}");
        }
        var bytes = new byte[entry.Length];
        using Stream content = entry.Open();
        content.ReadExactly(bytes);
        if (content.ReadByte() >= 0)
        {
            throw new FormatException($"entry '{entry.FullName}' holds more than its declared {entry.Length} bytes");
        }
        return bytes;
    }

    internal static int ElementSize(PtElement element) => element switch
    {
        PtElement.Float64 or PtElement.Int64 => 8,
        PtElement.Float32 or PtElement.Int32 => 4,
        PtElement.Float16 or PtElement.BFloat16 or PtElement.Int16 => 2,
        _ => 1,
    };

    private static string OneLine(Exception e)
    {
        string message = e is FormatException ? e.Message : $"the zip archive is damaged ({e.Message})";
        return message.ReplaceLineEndings(" ").TrimEnd('.');
    }
}
