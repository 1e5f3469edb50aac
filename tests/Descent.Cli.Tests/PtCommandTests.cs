using Descent.Interop.Pt;
using Descent.IO;

namespace Descent.Cli.Tests;

/// <summary><c>descent import</c> and <c>descent export --format pt</c> end to end.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class PtCommandTests : IDisposable
{
    private const string Marker = "/tmp/descent-pt-hostile-marker";
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-cli-pt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out(string name) => Path.Combine(_dir, name);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pt", name);

    [Fact]
    public void ExportWritesTheTrainedNetworkAsATorchStateDict()
    {
        (int code, _, string error) = ConsoleCapture.Run("train", "--task", "iris", "--epochs", "2", "--neurons", "8", "--quiet", "--out", Out("run"));
        Assert.True(code == 0, error);

        (code, string output, error) = ConsoleCapture.Run("export", "--model", Out("run"), "--format", "pt", "--out", Out("model.pt"));

        Assert.True(code == 0, error);
        Assert.Contains("weights_only=True", output);
        var written = PtFile.ReadModuleStateDict(Out("model.pt"));
        SafeTensorsFile checkpoint = SafeTensors.Load(Out("run/checkpoint.safetensors"));
        var weights = checkpoint.Tensors.Where(t => t.Key.StartsWith("model.", StringComparison.Ordinal)).ToList();
        Assert.Equal(weights.Count, written.Count);
        // In the module's order (weight before bias), not the safetensors file's sorted one.
        Assert.Equal("0.weight", written.Keys.First());
        foreach ((string name, TensorData data) in weights)
        {
            Assert.Equal(data.ToTensor().ToArray(), written[name["model.".Length..]].ToArray());
        }
    }

    [Fact]
    public void ImportConvertsATorchStateDictIntoSafeTensors()
    {
        (int code, string output, string error) = ConsoleCapture.Run("import", "--from", Fixture("torch_kinds.pt"), "--out", Out("kinds.safetensors"));

        Assert.True(code == 0, error);
        Assert.Contains("imported 15 tensors", output);
        SafeTensorsFile file = SafeTensors.Load(Out("kinds.safetensors"));
        var expected = PtFile.ReadTensors(Fixture("torch_kinds.pt"));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), file.Tensors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(TensorDType.Float64, file.Tensors["float64"].DType);
        Assert.Equal([-3L, 0L, 1L << 40], file.Tensors["int64"].ToInt64Array());
        Assert.Equal(expected["transposed"].AsSpan<float>().ToArray(), file.Tensors["transposed"].AsSpan<float>().ToArray());
    }

    [Theory]
    [InlineData("reduce_os_system.pt", "the global 'posix.system'")]
    [InlineData("zip_bomb.pt", "is compressed")]
    [InlineData("truncated_zip.pt", "damaged")]
    public void ImportRefusesAHostileFileWithOneLineAndWritesNothing(string name, string problem)
    {
        File.Delete(Marker);

        (int code, _, string error) = ConsoleCapture.Run("import", "--from", Fixture(Path.Combine("hostile", name)), "--out", Out("x.safetensors"));

        Assert.Equal(1, code);
        Assert.StartsWith("descent: error: Cannot read tensor file", error);
        Assert.Contains(problem, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(Marker));
        Assert.False(File.Exists(Out("x.safetensors")));
    }

    [Fact]
    public void ExportRefusesAnUnknownFormatAsABadArgument()
    {
        (int code, _, string error) = ConsoleCapture.Run("export", "--model", "m.safetensors", "--format", "keras", "--out", Out("m.h5"));

        Assert.Equal(2, code);
        Assert.Contains("--format: expected onnx or pt, got 'keras'", error);
    }
}
