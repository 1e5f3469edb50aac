using System.Buffers.Binary;
using System.Text;
using Descent.IO;

namespace Descent.Tensors.Tests.IO;

/// <summary>Sample tensor files, raw-file builders and content comparison shared by the tensor file tests.</summary>
internal static class TensorFileSamples
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "safetensors", name);

    /// <summary>Every dtype, a scalar and an empty entry of each, and metadata.</summary>
    public static Dictionary<string, TensorData> Mixed() => new()
    {
        ["w"] = TensorData.FromTensor(Tensor.FromArray([1f, -2f, 3.5f, float.NegativeInfinity, 0.1f, -0f], 2, 3)),
        ["b"] = TensorData.FromTensor(Tensor.FromArray([0.25f, 1e-40f, float.MaxValue])),
        ["s"] = TensorData.FromTensor(Tensor.Scalar(7f)),
        ["e"] = TensorData.FromTensor(Tensor.Zeros(0, 3)),
        ["d"] = TensorData.FromFloat64([0.1, -1e300, double.Epsilon, Math.PI], [2, 2]),
        ["d0"] = TensorData.FromFloat64([2.5], []),
        ["step"] = TensorData.FromInt64([1L << 53 | 1], []),
        ["ids"] = TensorData.FromInt64([long.MinValue, -1, 0, long.MaxValue], [4]),
        ["ie"] = TensorData.FromInt64([], [3, 0]),
    };

    public static Dictionary<string, string> MixedMetadata() => new()
    {
        ["format"] = "descent",
        ["quote\"and\\slash"] = "line\nbreak\ttab \u0001 ü ✓",
        ["empty"] = "",
    };

    /// <summary>Valid files to mutate: canonical and hand-laid-out ones, small and larger.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> SeedFiles()
    {
        var gen = new Random(7);
        var big = new float[64 * 33];
        for (int i = 0; i < big.Length; i++)
        {
            big[i] = (float)(gen.NextDouble() * 2 - 1);
        }
        return
        [
            ("python_written", File.ReadAllBytes(FixturePath("python_written.safetensors"))),
            ("mixed", Write(Mixed(), MixedMetadata())),
            ("no_tensors", Write(new Dictionary<string, TensorData>(), null)),
            ("metadata_only", Write(new Dictionary<string, TensorData>(), new Dictionary<string, string> { ["k"] = "v" })),
            ("larger", Write(new Dictionary<string, TensorData>
            {
                ["big"] = TensorData.FromTensor(Tensor.FromArray(big, 64, 33)),
                ["bias"] = TensorData.FromTensor(Tensor.FromArray([1f, 2f, 3f])),
                ["count"] = TensorData.FromInt64([3], []),
            }, null)),
            // Valid but not as Descent writes it: spaced JSON, entries out of data order, no padding.
            ("hand_laid_out", Raw(
                """{ "z" : { "data_offsets" : [ 8, 16 ], "shape" : [ 2 ], "dtype" : "F32" }, "__metadata__" : { "a" : "b" }, "y" : { "shape" : [ ], "dtype" : "I64", "data_offsets" : [ 0, 8 ] } }""",
                [.. BitConverter.GetBytes(-5L), .. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(-2f)],
                pad: false)),
        ];
    }

    public static byte[] Write(IReadOnlyDictionary<string, TensorData> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, tensors, metadata);
        return stream.ToArray();
    }

    public static SafeTensorsFile Read(byte[] bytes, string sourceName = "memory.safetensors") =>
        SafeTensors.Read(new MemoryStream(bytes, writable: false), sourceName);

    /// <summary>A file from a header written by hand: the length prefix (the header's own unless overridden), the header, the data.</summary>
    public static byte[] Raw(string header, byte[]? data = null, ulong? headerLength = null, bool pad = true)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        return RawBytes(json, data, headerLength, pad);
    }

    public static byte[] RawBytes(byte[] json, byte[]? data = null, ulong? headerLength = null, bool pad = true)
    {
        int padded = pad ? (json.Length + 7) / 8 * 8 : json.Length;
        data ??= [];
        var bytes = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, headerLength ?? (ulong)padded);
        json.CopyTo(bytes, 8);
        bytes.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        data.CopyTo(bytes, 8 + padded);
        return bytes;
    }

    /// <summary>The shape as an array, which xUnit compares element by element (an ImmutableArray it does not).</summary>
    public static int[] Dims(this TensorData data) => [.. data.Shape];

    public static byte[] RawBytesOf(TensorData data) => data.GetBytes(0, data.NumElements).ToArray();

    /// <summary>Whether two files hold the same entries in the same order (dtype, shape and bits) and the same metadata.</summary>
    /// <remarks>With <paramref name="inAnyOrder"/>, entries and metadata may come in another order, as after a rewrite.</remarks>
    public static bool SameContent(SafeTensorsFile expected, SafeTensorsFile actual, out string difference, bool inAnyOrder = false)
    {
        difference = "";
        IEnumerable<string> expectedNames = expected.Tensors.Keys, actualNames = actual.Tensors.Keys;
        if (inAnyOrder)
        {
            expectedNames = expectedNames.Order(StringComparer.Ordinal);
            actualNames = actualNames.Order(StringComparer.Ordinal);
        }
        if (!expectedNames.SequenceEqual(actualNames))
        {
            difference = $"names [{string.Join(", ", expected.Tensors.Keys)}] vs [{string.Join(", ", actual.Tensors.Keys)}]";
            return false;
        }
        foreach ((string name, TensorData e) in expected.Tensors)
        {
            TensorData a = actual.Tensors[name];
            if (e.DType != a.DType || !e.Shape.SequenceEqual(a.Shape) || !RawBytesOf(e).AsSpan().SequenceEqual(RawBytesOf(a)))
            {
                difference = $"entry '{name}': {e} vs {a} or different values";
                return false;
            }
        }
        bool sameMetadata = inAnyOrder
            ? expected.Metadata.Count == actual.Metadata.Count && expected.Metadata.All(kv => actual.Metadata.TryGetValue(kv.Key, out string? v) && v == kv.Value)
            : expected.Metadata.SequenceEqual(actual.Metadata);
        if (!sameMetadata)
        {
            difference = "metadata";
            return false;
        }
        return true;
    }

    public static void AssertSameContent(SafeTensorsFile expected, SafeTensorsFile actual)
    {
        Assert.True(SameContent(expected, actual, out string difference), difference);
    }
}
