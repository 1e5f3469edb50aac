using Descent.Interop.Pt;
using Descent.NN;
using Descent.Optim;

namespace Descent.Interop.Tests.Pt;

public sealed class PtWriteTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-pt-write-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out(string name) => Path.Combine(_dir, name);

    [Fact]
    public void AModuleStateDictReadsBackExactlyInOrder()
    {
        var state = new OrderedDictionary<string, Tensor>
        {
            ["layer.weight"] = Tensor.FromArray([1.5f, -0f, float.NaN, float.PositiveInfinity, 1e-45f, -3e38f], 2, 3),
            ["scalar"] = Tensor.Scalar(7.25f),
            ["empty"] = Tensor.Zeros(0, 3),
            ["größe"] = Tensor.FromArray(Enumerable.Range(0, 300).Select(i => (float)i).ToArray(), 300),
        };

        PtFile.WriteModuleStateDict(Out("m.pt"), state);
        var read = PtFile.ReadModuleStateDict(Out("m.pt"));

        Assert.Equal(state.Keys, read.Keys);
        foreach ((string key, Tensor value) in state)
        {
            Assert.Equal(value.Shape.ToArray(), read[key].Shape.ToArray());
            Assert.Equal(value.ToArray().Select(BitConverter.SingleToInt32Bits), read[key].ToArray().Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void OptimizerStateRoundTripsThroughTorchsLayout()
    {
        var model = new Sequential(new Linear(3, 2), new Linear(2, 1));
        var optimizer = new Adam(model.Parameters(), lr: 0.003, betas: (0.8, 0.99), amsgrad: true);
        var x = Tensor.FromArray([1f, 2f, 3f, -1f, 0.5f, 2f], 2, 3);
        for (int i = 0; i < 2; i++)
        {
            optimizer.ZeroGrad();
            model.Forward(x).Sum().Backward();
            optimizer.Step();
        }
        optimizer.SavePtStateDict(Out("adam.pt"));

        var target = new Adam(model.Parameters(), amsgrad: true);
        target.LoadPtStateDict(Out("adam.pt"));

        OptimizerStateDict expected = optimizer.StateDict();
        OptimizerStateDict actual = target.StateDict();
        Assert.Equal(expected.ToString(), actual.ToString());
        Assert.Equal(0.003, target.ParamGroups[0].Lr);
        Assert.Equal(2f, ((Tensor)actual.State[3]["step"]).Item());
        Assert.Equal(((Tensor)expected.State[0]["max_exp_avg_sq"]).ToArray(), ((Tensor)actual.State[0]["max_exp_avg_sq"]).ToArray());
    }

    [Fact]
    public void AValueTorchCannotHoldIsRefusedAndTheOldFileStays()
    {
        PtFile.WriteModuleStateDict(Out("keep.pt"), new Dictionary<string, Tensor> { ["w"] = Tensor.Scalar(1f) });
        byte[] before = File.ReadAllBytes(Out("keep.pt"));
        var bad = new OptimizerStateDict("SGD",
            [new ParamGroupState(new Dictionary<string, object?> { ["lr"] = DateTime.UnixEpoch }, [0])],
            new Dictionary<int, IReadOnlyDictionary<string, object>>());

        Assert.Throws<ArgumentException>(() => PtFile.WriteOptimizerStateDict(Out("keep.pt"), bad));

        Assert.Equal(before, File.ReadAllBytes(Out("keep.pt")));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void AnSgdFileFromAnotherOptimizerIsRefusedWithoutChangingIt()
    {
        var model = new Linear(2, 1);
        var sgd = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
        model.Forward(Tensor.FromArray([1f, 2f], 1, 2)).Sum().Backward();
        sgd.Step();
        sgd.SavePtStateDict(Out("sgd.pt"));
        var adam = new Adam(model.Parameters(), lr: 0.5);

        var e = Assert.Throws<Descent.IO.TensorFileException>(() => adam.LoadPtStateDict(Out("sgd.pt")));

        Assert.Contains("does not fit", e.Message);
        Assert.Equal(0.5, adam.ParamGroups[0].Lr);
    }
}
