using System.IO.Compression;
using Descent.Interop.Pt;
using Descent.IO;

namespace Descent.Interop.Tests.Pt;

/// <summary>
/// Mutated .pt files: every outcome is a value or a <see cref="TensorFileException"/>, never another exception, a
/// hang or a large allocation. Two levels: raw bytes of the file (mostly stopped by the zip reader), and the pickle
/// inside a well-formed zip (which reaches every opcode of the restricted reader).
/// </summary>
public sealed class PtFuzzTests
{
    // 3 sources × (2,000 + 1,000) = 9,000 mutations a run, a few seconds in all.
    private const int PickleMutations = 2000;
    private const int FileMutations = 1000;

    public static TheoryData<string> Sources => new() { "adamw_model_k3.pt", "adamw_optim_k3.pt", "torch_kinds.pt" };

    [Theory]
    [MemberData(nameof(Sources))]
    public void MutatedPicklesFailOnlyWithTheDocumentedException(string source)
    {
        (byte[] pickle, Dictionary<string, byte[]> others) = Split(File.ReadAllBytes(PtFixtures.File(source)));
        var random = new Random(source.Length * 7919);
        int refused = 0;
        for (int i = 0; i < PickleMutations; i++)
        {
            byte[] mutated = Mutate(pickle, random);
            refused += Outcome(Zip(mutated, others), $"{source} pickle mutation {i}");
        }
        // Most mutations must be refused and some read: both paths are exercised.
        Assert.InRange(refused, PickleMutations / 10, PickleMutations - 1);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void MutatedFilesFailOnlyWithTheDocumentedException(string source)
    {
        byte[] file = File.ReadAllBytes(PtFixtures.File(source));
        var random = new Random(source.Length * 104729);
        for (int i = 0; i < FileMutations; i++)
        {
            Outcome(Mutate(file, random), $"{source} file mutation {i}");
        }
    }

    /// <summary>1 when refused, 0 when read; fails the test on any other exception.</summary>
    private static int Outcome(byte[] bytes, string what)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            PtArchive.Read(stream, what);
            return 0;
        }
        catch (TensorFileException e)
        {
            Assert.DoesNotContain('\n', e.Message);
            return 1;
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: undocumented {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at); // truncation
                    break;
                default:
                    // An interesting value where a length or count may be: 0xff.., 0x7f.., 0x80...
                    byte[] special = [0xff, 0x7f, 0x80, 0x00];
                    for (int k = 0; k < 4 && at + k < bytes.Count; k++)
                    {
                        bytes[at + k] = special[random.Next(special.Length)];
                    }
                    break;
            }
        }
        return [.. bytes];
    }

    private static (byte[] Pickle, Dictionary<string, byte[]> Others) Split(byte[] file)
    {
        using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
        byte[]? pickle = null;
        var others = new Dictionary<string, byte[]>();
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            using var content = new MemoryStream();
            using (Stream s = entry.Open())
            {
                s.CopyTo(content);
            }
            if (entry.FullName.EndsWith("/data.pkl", StringComparison.Ordinal))
            {
                pickle = content.ToArray();
            }
            else
            {
                others[entry.FullName] = content.ToArray();
            }
        }
        return (pickle!, others);
    }

    private static byte[] Zip(byte[] pickle, Dictionary<string, byte[]> others)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            string prefix = others.Keys.First()[..(others.Keys.First().IndexOf('/') + 1)];
            Write(zip, prefix + "data.pkl", pickle);
            foreach ((string name, byte[] content) in others)
            {
                Write(zip, name, content);
            }
        }
        return output.ToArray();
    }

    private static void Write(ZipArchive zip, string name, byte[] content)
    {
        using Stream s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        s.Write(content);
    }
}
