using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using Descent.IO;

namespace Descent.Interop.Pt;

/// <summary>
/// Writes the zip archive <c>torch.save</c> writes: <c>archive/data.pkl</c>, <c>archive/byteorder</c>, one stored
/// entry <c>archive/data/{key}</c> of raw little-endian float32 values per tensor, and <c>archive/version</c>
/// (format 3, what PyTorch 1.13 writes). Entries are stored, never compressed, as torch stores them; the file is
/// written atomically.
/// </summary>
internal static class PtArchiveWriter
{
    private const string Prefix = "archive/";

    public static void Write(string path, PickleWriter pickle)
    {
        byte[] data = pickle.Finish();
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
            Add(zip, "data.pkl", data);
            Add(zip, "byteorder", "little"u8);
            foreach ((string key, Tensor tensor) in pickle.Storages)
            {
                Add(zip, $"data/{key}", MemoryMarshal.AsBytes(tensor.AsReadOnlySpan()));
            }
            Add(zip, "version", "3\n"u8);
        });
    }

    private static void Add(ZipArchive zip, string name, ReadOnlySpan<byte> content)
    {
        ZipArchiveEntry entry = zip.CreateEntry(Prefix + name, CompressionLevel.NoCompression);
        // A fixed time keeps the file a function of its content.
        entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using Stream s = entry.Open();
        s.Write(content);
    }
}
