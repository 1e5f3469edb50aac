using System.IO.Compression;

namespace Descent.Interop.Tests.Pt;

/// <summary>Hand-made archives for cases the fixtures do not cover.</summary>
internal static class PtTestFiles
{
    public static void WriteArchive(string path, byte[] pickle)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Add(zip, "archive/data.pkl", pickle);
        Add(zip, "archive/version", "3\n"u8.ToArray());
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using Stream s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        s.Write(content);
    }
}
