using Descent.IO;
using Descent.NN;

namespace Descent.NN.Tests;

public sealed class ModuleFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-module-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Sequential Mlp(ulong seed) =>
        new(new Linear(4, 8, generator: new Generator(seed)), new ReLU(), new Linear(8, 2, generator: new Generator(seed + 1)));

    [Fact]
    public void ASavedModuleLoadsBitForBit()
    {
        string path = Path.Combine(_dir, "model.safetensors");
        Sequential source = Mlp(1);
        source.Save(path);
        Sequential target = Mlp(7);
        target.Load(path);
        foreach (((string name, Tensor a), (_, Tensor b)) in source.StateDict().Zip(target.StateDict()))
        {
            Assert.True(a.ToArray().SequenceEqual(b.ToArray()), name);
        }
        Assert.Equal(["0.bias", "0.weight", "2.bias", "2.weight"], SafeTensors.Load(path).Tensors.Keys.Order());
    }

    [Fact]
    public void AFileThatDoesNotFitIsRefusedAndTheModuleKeepsItsValues()
    {
        string path = Path.Combine(_dir, "other.safetensors");
        new Sequential(new Linear(4, 9), new ReLU(), new Linear(9, 2)).Save(path);
        Sequential target = Mlp(3);
        float[] before = target.StateDict()["0.weight"].ToArray();
        var e = Assert.Throws<TensorFileException>(() => target.Load(path));
        Assert.Contains("other.safetensors", e.Message);
        Assert.Contains("0.weight", e.Message);
        Assert.Equal(before, target.StateDict()["0.weight"].ToArray());
    }

    [Fact]
    public void AFileOfAnotherKindIsRefused()
    {
        string path = Path.Combine(_dir, "plain.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["x"] = Tensor.Ones(2) });
        Assert.Contains("not a Descent module file", Assert.Throws<TensorFileException>(() => Mlp(1).Load(path)).Message);
    }
}
