using System.Buffers.Binary;
using System.Text;
using Descent.IO;
using static Descent.Tensors.Tests.IO.TensorFileSamples;

namespace Descent.Tensors.Tests.IO;

/// <summary>What Descent writes, it reads back bit for bit; the layout is the format's, byte by byte.</summary>
public sealed class SafeTensorsRoundTripTests
{
    public static TheoryData<int[]> Shapes() => new()
    {
        Array.Empty<int>(), new[] { 0 }, new[] { 0, 3 }, new[] { 3, 0, 2 }, new[] { 1 }, new[] { 7 }, new[] { 2, 3 },
        new[] { 2, 3, 4 }, new[] { 1, 1, 1, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryDTypeAndShapeRoundTrips(int[] shape)
    {
        int n = shape.Aggregate(1, (a, d) => a * d);
        var gen = new Random(n + shape.Length);
        // Random bit patterns, so NaN payloads, signed zeros and subnormals must survive too.
        float[] f = [.. Enumerable.Range(0, n).Select(_ => BitConverter.Int32BitsToSingle(gen.Next(int.MinValue, int.MaxValue)))];
        double[] d = [.. Enumerable.Range(0, n).Select(_ => BitConverter.Int64BitsToDouble(gen.NextInt64(long.MinValue, long.MaxValue)))];
        long[] l = [.. Enumerable.Range(0, n).Select(_ => gen.NextInt64(long.MinValue, long.MaxValue))];
        var tensors = new Dictionary<string, TensorData>
        {
            ["f"] = TensorData.FromTensor(shape.Length == 0 ? Tensor.Scalar(f[0]) : Tensor.FromArray(f, shape)),
            ["d"] = TensorData.FromFloat64(d, shape),
            ["l"] = TensorData.FromInt64(l, shape),
        };

        SafeTensorsFile file = Read(Write(tensors, null));

        Assert.Equal(shape, file.Tensors["f"].Dims());
        Assert.Equal(shape, file.Tensors["d"].Dims());
        Assert.Equal(shape, file.Tensors["l"].Dims());
        Assert.Equal(f.Select(BitConverter.SingleToInt32Bits), file.GetTensor("f").ToArray().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(d.Select(BitConverter.DoubleToInt64Bits), file.Tensors["d"].ToFloat64Array().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(l, file.Tensors["l"].ToInt64Array());
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void LargeTensorsRoundTripThroughAFile()
    {
        // More elements than one read or write slice (2^20), so the slicing is exercised.
        const int n = 3 * 349_527;
        var gen = new Random(11);
        float[] f = [.. Enumerable.Range(0, n).Select(_ => (float)gen.NextDouble())];
        long[] l = [.. Enumerable.Range(0, n).Select(i => (long)i * i)];
        using var folder = new TempFolder();
        string path = folder.File("large.safetensors");

        SafeTensors.Save(path, new Dictionary<string, TensorData>
        {
            ["f"] = TensorData.FromTensor(Tensor.FromArray(f, 3, n / 3)),
            ["l"] = TensorData.FromInt64(l, [n]),
        });
        SafeTensorsFile file = SafeTensors.Load(path);

        Assert.Equal([3, n / 3], file.Tensors["f"].Dims());
        Assert.True(f.AsSpan().SequenceEqual(file.Tensors["f"].AsSpan<float>()));
        Assert.True(l.AsSpan().SequenceEqual(file.Tensors["l"].AsSpan<long>()));
        byte[] prefix = new byte[8];
        using (FileStream stream = File.OpenRead(path))
        {
            stream.ReadExactly(prefix);
        }
        Assert.Equal(8 + (long)BinaryPrimitives.ReadUInt64LittleEndian(prefix) + 12L * n, new FileInfo(path).Length);
    }

    [Fact]
    public void TensorsSaveAndLoadThroughTheTensorOverloads()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        Tensor w = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 3, 2);
        var p = new Parameter(Tensor.FromArray([0.5f, -0.5f, 0f]));

        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["layer.weight"] = w, ["layer.bias"] = p, ["scale"] = Tensor.Scalar(3f) },
            new Dictionary<string, string> { ["format"] = "pt" });
        SafeTensorsFile file = SafeTensors.Load(path);

        TensorAssert.Equal([3, 2], [1f, 2f, 3f, 4f, 5f, 6f], file.GetTensor("layer.weight"));
        TensorAssert.Equal([3], [0.5f, -0.5f, 0f], file.GetTensor("layer.bias"));
        TensorAssert.Equal([], [3f], file.GetTensor("scale"));
        Assert.Equal(["layer.bias", "layer.weight", "scale"], file.Tensors.Keys);
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt" }, file.Metadata);
        Assert.Equal(path, file.SourceName);

        // Saving again replaces the file.
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["only"] = Tensor.Ones(2) });
        Assert.Equal(["only"], SafeTensors.Load(path).Tensors.Keys);
    }

    [Fact]
    public void MetadataAndNamesKeepEveryCharacter()
    {
        var tensors = new Dictionary<string, TensorData>
        {
            [""] = TensorData.FromInt64([1], []),
            ["a/b.c:d"] = TensorData.FromInt64([2], []),
            ["ünï \"quoted\" \\ \u0007 😀"] = TensorData.FromInt64([3], []),
        };

        SafeTensorsFile file = Read(Write(tensors, MixedMetadata()));

        Assert.Equal(MixedMetadata().OrderBy(kv => kv.Key, StringComparer.Ordinal), file.Metadata);
        foreach ((string name, TensorData data) in tensors)
        {
            Assert.Equal(data.ToInt64Array(), file.Tensors[name].ToInt64Array());
        }
    }

    [Fact]
    public void EmptyMetadataIsOmitted()
    {
        byte[] none = Write(Mixed(), null);
        Assert.Equal(none, Write(Mixed(), new Dictionary<string, string>()));
        Assert.DoesNotContain("__metadata__", Encoding.UTF8.GetString(none));
        Assert.Empty(Read(none).Metadata);
    }

    [Fact]
    public void OutputDoesNotDependOnTheDictionaryOrder()
    {
        Dictionary<string, TensorData> forward = Mixed();
        var backward = forward.Reverse().ToDictionary();
        var metadataBackward = MixedMetadata().Reverse().ToDictionary();

        Assert.Equal(Write(forward, MixedMetadata()), Write(backward, metadataBackward));
    }

    [Fact]
    public void EntriesAreLaidOutByAlignmentThenNameAndReadInFileOrder()
    {
        SafeTensorsFile file = Read(Write(Mixed(), MixedMetadata()));

        // I64, then F64, then F32, each by name, as the reference library sorts them.
        Assert.Equal(["ids", "ie", "step", "d", "d0", "b", "e", "s", "w"], file.Tensors.Keys);
    }

    [Fact]
    public void HeaderLayoutIsTheFormatsByteForByte()
    {
        var tensors = new Dictionary<string, TensorData>
        {
            ["b"] = TensorData.FromTensor(Tensor.FromArray([1f, -2f])),
            ["a"] = TensorData.FromInt64([7], []),
        };

        byte[] bytes = Write(tensors, new Dictionary<string, string> { ["k"] = "v" });

        const string json = """{"__metadata__":{"k":"v"},"a":{"dtype":"I64","shape":[],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""";
        Assert.Equal(132, json.Length);
        Assert.Equal(136UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.Equal<byte>([136, 0, 0, 0, 0, 0, 0, 0], bytes[..8]);
        Assert.Equal(json + "    ", Encoding.UTF8.GetString(bytes, 8, 136));
        Assert.Equal<byte>([7, 0, 0, 0, 0, 0, 0, 0], bytes[144..152]);
        Assert.Equal<byte>([0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0], bytes[152..160]);
        Assert.Equal(160, bytes.Length);
    }

    [Fact]
    public void HeaderLengthMatchesTheReferenceLibrarysForTheSameTensor()
    {
        // The reference library's own tests serialize this tensor with a 64-byte header and no padding,
        // and with the name "attn0" and shape [1,1,2,3] into a 72-byte header that ends in 7 spaces.
        byte[] one = Write(new Dictionary<string, TensorData> { ["attn.0"] = TensorData.FromTensor(Tensor.Arange(0, 6).Reshape(1, 2, 3)) }, null);
        byte[] two = Write(new Dictionary<string, TensorData> { ["attn0"] = TensorData.FromTensor(Tensor.Arange(0, 6).Reshape(1, 1, 2, 3)) }, null);

        Assert.Equal(64UL, BinaryPrimitives.ReadUInt64LittleEndian(one));
        Assert.Equal("""{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}""", Encoding.UTF8.GetString(one, 8, 64));
        Assert.Equal(72UL, BinaryPrimitives.ReadUInt64LittleEndian(two));
        Assert.EndsWith("}}       ", Encoding.UTF8.GetString(two, 8, 72));
        Assert.Equal(8 + 72 + 24, two.Length);
    }

    [Fact]
    public void AnEmptyFileIsTheFormatsEmptyFile()
    {
        byte[] bytes = Write(new Dictionary<string, TensorData>(), null);

        Assert.Equal<byte>([8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}', 32, 32, 32, 32, 32, 32], bytes);
        Assert.Empty(Read(bytes).Tensors);
    }

    [Fact]
    public void AFileIsReadFromTheStreamsPosition()
    {
        byte[] file = Write(Mixed(), MixedMetadata());
        using var stream = new MemoryStream([.. "prefix"u8, .. file]);
        stream.Position = 6;

        AssertSameContent(Read(file), SafeTensors.Read(stream, "embedded"));
    }

    [Fact]
    public void StreamsThatCannotSeekAreRefused()
    {
        using var stream = new NonSeekableStream(Write(Mixed(), null));

        var error = Assert.Throws<ArgumentException>(() => SafeTensors.Read(stream, "pipe"));
        Assert.Contains("seekable", error.Message);
        Assert.Contains("'pipe'", error.Message);
    }

    [Fact]
    public void WriterRefusesBadNamesEntriesAndMetadata()
    {
        using var sink = new MemoryStream();
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(() =>
            SafeTensors.Write(sink, new Dictionary<string, Tensor> { ["__metadata__"] = Tensor.Ones(1) })).Message);
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() =>
            SafeTensors.Write(sink, new Dictionary<string, Tensor> { ["x"] = null! })).Message);
        Assert.Contains("'y'", Assert.Throws<ArgumentException>(() =>
            SafeTensors.Write(sink, new Dictionary<string, TensorData> { ["y"] = null! })).Message);
        Assert.Contains("surrogate", Assert.Throws<ArgumentException>(() =>
            SafeTensors.Write(sink, new Dictionary<string, Tensor> { ["bad\ud800"] = Tensor.Ones(1) })).Message);
        Assert.Contains("'k'", Assert.Throws<ArgumentException>(() =>
            SafeTensors.Write(sink, new Dictionary<string, Tensor>(), new Dictionary<string, string> { ["k"] = null! })).Message);
        Assert.Contains("surrogate", Assert.Throws<ArgumentException>(() =>
            SafeTensors.Write(sink, new Dictionary<string, Tensor>(), new Dictionary<string, string> { ["k"] = "\udc00" })).Message);
        Assert.Equal(0, sink.Length);

        using var folder = new TempFolder();
        Assert.Throws<ArgumentException>(() =>
            SafeTensors.Save(folder.File("x.safetensors"), new Dictionary<string, Tensor> { ["__metadata__"] = Tensor.Ones(1) }));
        Assert.Empty(folder.Names());
    }

    [Fact]
    public void TensorDataCopiesInAndOutAndChecksItsType()
    {
        double[] source = [1, 2, 3, 4, 5, 6];
        TensorData d = TensorData.FromFloat64(source, [2, 3]);
        source[0] = 99;
        Assert.Equal(1, d.ToFloat64Array()[0]);
        d.ToFloat64Array()[1] = 99;
        Assert.Equal(2, d.AsSpan<double>()[1]);

        Tensor t = Tensor.FromArray([1f, 2f]);
        TensorData f = TensorData.FromTensor(t);
        t.AsSpan()[0] = 99;
        f.ToTensor().AsSpan()[1] = 99;
        Assert.Equal([1f, 2f], f.ToTensor().ToArray());

        Assert.Equal(TensorDType.Float64, d.DType);
        Assert.Equal(6, d.NumElements);
        Assert.Equal(48, d.ByteLength);
        Assert.Equal("TensorData(F64, [2,3])", d.ToString());
        Assert.Contains("F64", Assert.Throws<InvalidOperationException>(() => d.ToTensor()).Message);
        Assert.Throws<InvalidOperationException>(() => d.ToInt64Array());
        Assert.Throws<InvalidOperationException>(() => f.AsSpan<double>().Length);
        Assert.Throws<InvalidOperationException>(() => f.AsSpan<int>().Length);
        Assert.Contains("[2,2]", Assert.Throws<ArgumentException>(() => TensorData.FromInt64([1, 2, 3], [2, 2])).Message);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => TensorData.FromInt64([], [-1, 0])).Message);
        Assert.Equal([], TensorData.FromInt64([5], []).Dims());
    }

    [Fact]
    public void GetTensorNamesTheFileAndTheEntry()
    {
        SafeTensorsFile file = Read(Write(Mixed(), null), "state.safetensors");

        var missing = Assert.Throws<KeyNotFoundException>(() => file.GetTensor("nope"));
        Assert.Contains("'nope'", missing.Message);
        Assert.Contains("state.safetensors", missing.Message);
        var wrongType = Assert.Throws<InvalidOperationException>(() => file.GetTensor("step"));
        Assert.Contains("I64", wrongType.Message);
    }

    [Fact]
    public void ThePythonWrittenFixtureLoadsWithExactValues()
    {
        SafeTensorsFile file = SafeTensors.Load(FixturePath("python_written.safetensors"));

        Assert.Equal(["ids", "step", "ema", "f64_scalar", "cube", "empty", "scalar", "special", "weight"], file.Tensors.Keys);
        TensorAssert.Equal([2, 3], [0.1f, -2.5f, 3f, 1e30f, -0f, 7.25f], file.GetTensor("weight"));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(file.GetTensor("weight").ToArray()[4]));
        Assert.Equal(
            [0x7F800000, unchecked((int)0xFF800000), 0x7FC00000, 0x7F7FFFFF, 0x00000001, unchecked((int)0x80800000)],
            file.GetTensor("special").ToArray().Select(BitConverter.SingleToInt32Bits));
        TensorAssert.Equal([], [42.5f], file.GetTensor("scalar"));
        TensorAssert.Equal([0, 3], [], file.GetTensor("empty"));
        TensorAssert.Equal([2, 2, 2], [0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f], file.GetTensor("cube"));
        Assert.Equal([2, 2], file.Tensors["ema"].Dims());
        Assert.Equal([0.1, -1e300, double.Epsilon, Math.PI], file.Tensors["ema"].ToFloat64Array());
        Assert.Equal([], file.Tensors["f64_scalar"].Dims());
        Assert.Equal([-0.5], file.Tensors["f64_scalar"].ToFloat64Array());
        Assert.Equal([], file.Tensors["step"].Dims());
        Assert.Equal([12345678901234L], file.Tensors["step"].ToInt64Array());
        Assert.Equal([long.MinValue, -1, 0, 1, long.MaxValue], file.Tensors["ids"].ToInt64Array());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["format"] = "descent-test",
                ["note"] = "ünïcödé ✓",
                ["producer"] = "tools/reference/safetensors_interop.py",
            },
            file.Metadata);
    }

    [Fact]
    public void WritingThePythonFixturesContentReproducesItByteForByte()
    {
        // An independent writer (numpy + json) and Descent's agree on every byte of the layout.
        SafeTensorsFile python = SafeTensors.Load(FixturePath("python_written.safetensors"));

        byte[] rewritten = Write(python.Tensors, python.Metadata);

        Assert.Equal(File.ReadAllBytes(FixturePath("python_written.safetensors")), rewritten);
    }

    /// <summary>The file that <c>tools/reference/safetensors_interop.py read</c> checks; see the fixture README.</summary>
    [Fact]
    public void TheDescentWrittenFixtureIsWhatTheWriterWritesToday()
    {
        var tensors = new Dictionary<string, TensorData>
        {
            ["layer.0.weight"] = TensorData.FromTensor(Tensor.FromArray([0.5f, -1.25f, 3f, 1e-3f, -0f, 6.5f], 3, 2)),
            ["layer.0.bias"] = TensorData.FromTensor(Tensor.FromArray([0.1f, 0.2f, 0.3f])),
            ["scale"] = TensorData.FromTensor(Tensor.Scalar(-7.5f)),
            ["empty"] = TensorData.FromTensor(Tensor.Zeros(0, 3)),
            ["special"] = TensorData.FromTensor(Tensor.FromArray([float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.Epsilon])),
            ["state.step"] = TensorData.FromInt64([9007199254740993L], []),
            ["state.counts"] = TensorData.FromInt64([long.MinValue, 0, long.MaxValue], [3]),
            ["state.lr"] = TensorData.FromFloat64([1e-3], []),
            ["state.ema"] = TensorData.FromFloat64([0.1, Math.E, -1e-300, double.Epsilon], [2, 2]),
        };
        var metadata = new Dictionary<string, string> { ["format"] = "descent", ["note"] = "written by SafeTensors.Write ✓" };
        byte[] bytes = Write(tensors, metadata);

        if (Environment.GetEnvironmentVariable("DESCENT_WRITE_FIXTURES") == "1")
        {
            File.WriteAllBytes(Path.Combine(RepositoryRoot(), "tests", "Fixtures", "safetensors", "descent_written.safetensors"), bytes);
            return;
        }
        Assert.Equal(File.ReadAllBytes(FixturePath("descent_written.safetensors")), bytes);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Descent.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("No Descent.sln above " + AppContext.BaseDirectory);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
