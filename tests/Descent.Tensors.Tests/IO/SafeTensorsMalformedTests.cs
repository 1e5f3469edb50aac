using System.Buffers.Binary;
using Descent.IO;
using static Descent.Tensors.Tests.IO.TensorFileSamples;

namespace Descent.Tensors.Tests.IO;

/// <summary>Every way a file can be wrong gives one <see cref="TensorFileException"/> that names the file and the problem.</summary>
public sealed class SafeTensorsMalformedTests
{
    private const string Source = "broken-model.safetensors";

    private static readonly byte[] s_eightBytes = new byte[8];
    private static readonly byte[] s_twelveBytes = new byte[12];

    public static TheoryData<string, byte[], string> Cases()
    {
        byte[] valid = Write(Mixed(), MixedMetadata());
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(valid);
        var cases = new TheoryData<string, byte[], string>
        {
            { "empty file", [], "0 bytes long" },
            { "shorter than the length", [8, 0, 0, 0, 0, 0, 0], "7 bytes long" },
            { "header length above the limit", Raw("{}", headerLength: 100_000_001), "above the limit of 100000000" },
            { "header length 2^64 - 1", Raw("{}", headerLength: ulong.MaxValue), "above the limit" },
            { "header length past the end", Raw("{}", headerLength: 64), "runs past the end of the file" },
            { "header cut", valid[..(int)(8 + n / 2)], "runs past the end of the file" },
            { "data cut", valid[..^3], "past the end of the" },
            { "last byte cut", valid[..^1], "past the end of the" },
            { "header length 0", Raw("", pad: false), "does not start with '{'" },
            { "not an object", Raw("[1,2]"), "does not start with '{'" },
            { "byte-order mark", RawBytes([0xEF, 0xBB, 0xBF, .. "{}"u8]), "does not start with '{'" },
            { "not UTF-8", RawBytes([.. "{\"a"u8, 0xFF, .. "\":1}"u8]), "not valid UTF-8" },
            { "overlong UTF-8", RawBytes([.. "{\""u8, 0xC0, 0xAF, .. "\":{}}"u8]), "not valid UTF-8" },
            { "cut JSON", Raw("""{"a":"""), "not valid JSON" },
            { "text after the JSON", Raw("{} x"), "not valid JSON" },
            { "comment", Raw("{/* c */}"), "not valid JSON" },
            { "trailing comma", Raw("""{"__metadata__":{"k":"v",}}"""), "not valid JSON" },
            { "NaN literal", Raw("""{"a":{"dtype":"F32","shape":[NaN],"data_offsets":[0,0]}}"""), "not valid JSON" },
            { "padding with NUL", RawBytes([.. "{}"u8, 0, 0, 0, 0, 0, 0], pad: false), "not valid JSON" },
            { "deep nesting", Raw("{\"__metadata__\":" + new string('[', 1000) + new string(']', 1000) + "}"), "not valid JSON" },
            { "entry not an object", Raw("""{"a":5}"""), "entry 'a' is a number, not an object" },
            { "dtype not a string", Raw("""{"a":{"dtype":4,"shape":[],"data_offsets":[0,4]}}""", s_eightBytes[..4]), "dtype that is a number" },
            { "unknown dtype", Raw("""{"a":{"dtype":"F33","shape":[],"data_offsets":[0,4]}}""", s_eightBytes[..4]), "unknown dtype 'F33'" },
            { "BF16", Raw("""{"a":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]}}""", s_eightBytes[..4]), "dtype BF16, which Descent does not read" },
            { "U8", Raw("""{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]}}""", s_eightBytes[..4]), "dtype U8, which Descent does not read" },
            { "BOOL", Raw("""{"a":{"dtype":"BOOL","shape":[4],"data_offsets":[0,4]}}""", s_eightBytes[..4]), "dtype BOOL" },
            { "lower-case dtype", Raw("""{"a":{"dtype":"f32","shape":[],"data_offsets":[0,4]}}""", s_eightBytes[..4]), "unknown dtype 'f32'" },
            { "shape not an array", Raw("""{"a":{"dtype":"F32","shape":2,"data_offsets":[0,8]}}""", s_eightBytes), "shape that is a number" },
            { "negative shape", Raw("""{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", s_eightBytes), "shape entry '-2'" },
            { "fractional shape", Raw("""{"a":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}}""", s_eightBytes), "shape entry '2.0'" },
            { "exponent shape", Raw("""{"a":{"dtype":"F32","shape":[2e0],"data_offsets":[0,8]}}""", s_eightBytes), "shape entry '2e0'" },
            { "string shape", Raw("""{"a":{"dtype":"F32","shape":["2"],"data_offsets":[0,8]}}""", s_eightBytes), "shape entry '\"2\"'" },
            { "shape beyond 64 bits", Raw("""{"a":{"dtype":"F32","shape":[18446744073709551617],"data_offsets":[0,8]}}""", s_eightBytes), "not a non-negative 64-bit integer" },
            { "shape beyond int", Raw("""{"a":{"dtype":"F32","shape":[3000000000],"data_offsets":[0,8]}}""", s_eightBytes), "above the largest size" },
            { "shape product overflow", Raw("""{"a":{"dtype":"F64","shape":[2147483647,2147483647,2147483647,2147483647,2147483647],"data_offsets":[0,8]}}""", s_eightBytes), "more than" },
            { "shape product too large", Raw("""{"a":{"dtype":"F32","shape":[65536,65536,0],"data_offsets":[0,0]}}"""), "more than" },
            { "offsets not an array", Raw("""{"a":{"dtype":"F32","shape":[2],"data_offsets":8}}""", s_eightBytes), "not an array [begin, end]" },
            { "one offset", Raw("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[8]}}""", s_eightBytes), "not an array [begin, end]" },
            { "three offsets", Raw("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4,8]}}""", s_eightBytes), "not an array [begin, end]" },
            { "negative offset", Raw("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}}""", s_eightBytes), "data offset '-8'" },
            { "fractional offset", Raw("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8.5]}}""", s_eightBytes), "data offset '8.5'" },
            { "begin after end", Raw("""{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}}""", s_eightBytes), "begin after they end" },
            { "offsets past the data", Raw("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", s_eightBytes), "past the end of the 8-byte data section" },
            { "huge offsets", Raw("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[9223372036854775799,9223372036854775807]}}""", s_eightBytes), "past the end" },
            { "size not dtype × shape", Raw("""{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", s_eightBytes), "needs 12 bytes, but its data_offsets [0, 8] span 8" },
            { "size of another dtype", Raw("""{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,8]}}""", s_eightBytes), "needs 16 bytes" },
            { "overlap", Raw("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", s_twelveBytes), "entries 'a' and 'b' overlap" },
            { "same range twice", Raw("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", s_eightBytes), "overlap" },
            { "empty entry inside another", Raw("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[0],"data_offsets":[4,4]}}""", s_eightBytes), "overlap" },
            { "gap", Raw("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", s_twelveBytes), "bytes 4 to 8 of the data section belong to no entry" },
            { "data not from 0", Raw("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", s_eightBytes), "bytes 0 to 4" },
            { "trailing data", Raw("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", s_eightBytes), "cover 4 bytes, but the data section holds 8" },
            { "data without entries", Raw("{}", s_eightBytes), "cover 0 bytes" },
            { "appended byte", [.. valid, 0], "trailing bytes" },
            { "duplicate name", Raw("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", s_eightBytes), "names 'a' twice" },
            { "duplicate name by escape", Raw("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"\u0061":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", s_eightBytes), "names 'a' twice" },
            { "duplicate field", Raw("""{"a":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", s_eightBytes[..4]), "two 'dtype' fields" },
            { "missing dtype", Raw("""{"a":{"shape":[1],"data_offsets":[0,4]}}""", s_eightBytes[..4]), "has no 'dtype' field" },
            { "missing shape", Raw("""{"a":{"dtype":"F32","data_offsets":[0,4]}}""", s_eightBytes[..4]), "has no 'shape' field" },
            { "missing offsets", Raw("""{"a":{"dtype":"F32","shape":[1]}}""", s_eightBytes[..4]), "has no 'data_offsets' field" },
            { "unknown field", Raw("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"strides":[1]}}""", s_eightBytes[..4]), "unknown field 'strides'" },
            { "metadata not an object", Raw("""{"__metadata__":["k","v"]}"""), "'__metadata__' is an array, not an object of strings" },
            { "metadata null", Raw("""{"__metadata__":null}"""), "'__metadata__' is null" },
            { "metadata value a number", Raw("""{"__metadata__":{"epoch":3}}"""), "metadata 'epoch' is a number, not a string" },
            { "metadata value an object", Raw("""{"__metadata__":{"k":{}}}"""), "metadata 'k' is an object" },
            { "metadata twice", Raw("""{"__metadata__":{},"__metadata__":{}}"""), "names '__metadata__' twice" },
            { "metadata key twice", Raw("""{"__metadata__":{"k":"a","k":"b"}}"""), "metadata names 'k' twice" },
            { "unpaired surrogate in a name", Raw("""{"\ud800":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}"""), "not valid Unicode" },
            { "unpaired surrogate in metadata", Raw("""{"__metadata__":{"k":"\udc00"}}"""), "not valid Unicode" },
            { "long name is shortened", Raw("{\"" + new string('x', 5000) + "\":7}"), "(5000 chars)" },
        };
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedFilesThrowTensorFileExceptionNamingTheFileAndTheProblem(string what, byte[] bytes, string expected)
    {
        var error = Assert.Throws<TensorFileException>(() => Read(bytes, Source));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{what}: '{expected}' not in: {error.Message}");
        Assert.StartsWith($"Cannot read tensor file '{Source}': ", error.Message);
        Assert.Equal(Source, error.SourceName);
        Assert.Contains(error.Problem, error.Message);
        Assert.IsAssignableFrom<IOException>(error);
    }

    [Fact]
    public void EveryTruncationOfAValidFileIsRefused()
    {
        foreach ((string name, byte[] bytes) in SeedFiles())
        {
            for (int length = 0; length < bytes.Length; length++)
            {
                var error = Assert.Throws<TensorFileException>(() => Read(bytes[..length], name));
                Assert.Contains(name, error.Message);
            }
        }
    }

    [Fact]
    public void LoadNamesThePathInTheMessage()
    {
        using var folder = new TempFolder();
        string path = folder.File("cut.safetensors");
        File.WriteAllBytes(path, Write(Mixed(), null)[..^5]);

        var error = Assert.Throws<TensorFileException>(() => SafeTensors.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(folder.File("missing.safetensors")));
    }

    [Fact]
    public void HugeClaimsAreRefusedBeforeAnythingIsAllocated()
    {
        byte[] hugeHeader = Raw("{}", headerLength: 99_999_999);
        byte[] hugeTensor = Raw("""{"a":{"dtype":"F64","shape":[268435455],"data_offsets":[0,2147483640]}}""", s_eightBytes);
        byte[] hugeElementCount = Raw("""{"a":{"dtype":"F32","shape":[2147483647],"data_offsets":[0,8589934588]}}""", s_eightBytes);
        Read(Write(Mixed(), null)); // warm up, so first-call costs do not count

        foreach (byte[] bytes in new[] { hugeHeader, hugeTensor, hugeElementCount })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.Throws<TensorFileException>(() => Read(bytes, Source));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 256 * 1024, $"refusing a {bytes.Length}-byte file allocated {allocated} bytes");
        }
    }

    [Fact]
    public void AValidFileWithAnUnusualLayoutIsRead()
    {
        // Spaced JSON, fields and entries in any order, entries not in data order, no padding, tab and newline
        // whitespace: all valid, as the reference library reads them.
        byte[] bytes = Raw(
            "{\n\t\"z\" : { \"data_offsets\" : [ 8, 16 ], \"shape\" : [ 2 ], \"dtype\" : \"F32\" },\r\n \"y\" : { \"shape\" : [ ], \"dtype\" : \"I64\", \"data_offsets\" : [ 0, 8 ] } }\n",
            [.. BitConverter.GetBytes(-5L), .. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(-2f)],
            pad: false);

        SafeTensorsFile file = Read(bytes);

        Assert.Equal(["y", "z"], file.Tensors.Keys);
        Assert.Equal([-5L], file.Tensors["y"].ToInt64Array());
        TensorAssert.Equal([2], [1.5f, -2f], file.GetTensor("z"));
    }

    [Fact]
    public void EmptyEntriesMayShareAnOffset()
    {
        byte[] bytes = Raw(
            """{"a":{"dtype":"F32","shape":[0],"data_offsets":[4,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"c":{"dtype":"I64","shape":[2,0],"data_offsets":[4,4]}}""",
            BitConverter.GetBytes(3f));

        SafeTensorsFile file = Read(bytes);

        Assert.Equal(["b", "a", "c"], file.Tensors.Keys);
        Assert.Equal([2, 0], file.Tensors["c"].Dims());
    }

    [Fact]
    public void ExceptionCarriesTheInnerJsonError()
    {
        var error = Assert.Throws<TensorFileException>(() => Read(Raw("""{"a":}"""), Source));

        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }
}
