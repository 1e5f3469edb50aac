using Descent.Interop.Pt;
using Descent.IO;
using Descent.Optim;

namespace Descent.Interop.Tests.Pt;

public sealed class PtReadTests
{
    [Fact]
    public void ReadsEveryDtypeViewAndSharedStorageAsTorchWroteThem()
    {
        var expected = PtFixtures.Json("torch_kinds.json").GetProperty("tensors");
        OrderedDictionary<string, TensorData> read = PtFile.ReadTensors(PtFixtures.File("torch_kinds.pt"));

        Assert.Equal(expected.EnumerateObject().Select(p => p.Name), read.Keys);
        foreach (var entry in expected.EnumerateObject())
        {
            TensorData data = read[entry.Name];
            Assert.Equal(entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray(), data.Shape.ToArray());
            double[] values = PtFixtures.Values(entry.Value);
            double[] actual = data.DType switch
            {
                TensorDType.Float32 => data.AsSpan<float>().ToArray().Select(f => (double)f).ToArray(),
                TensorDType.Float64 => data.ToFloat64Array(),
                _ => data.ToInt64Array().Select(l => (double)l).ToArray(),
            };
            // Every value is exact: half and bfloat16 widen to float32 without rounding.
            Assert.True(values.SequenceEqual(actual), $"{entry.Name}: [{string.Join(", ", actual)}] vs [{string.Join(", ", values)}]");
            TensorDType kind = entry.Value.GetProperty("dtype").GetString() switch
            {
                "float32" or "float16" or "bfloat16" => TensorDType.Float32,
                "float64" => TensorDType.Float64,
                _ => TensorDType.Int64,
            };
            Assert.Equal(kind, data.DType);
        }
    }

    [Fact]
    public void ModuleStateDictLoadsIntoTheSameNetwork()
    {
        var model = PtFixtures.Model();
        model.LoadPtStateDict(PtFixtures.File("adamw_model_k3.pt"));

        var state = model.StateDict();
        var json = PtFixtures.Json("adamw_continuation.json");
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], state.Keys);
        // The k = 3 model is the initial one after three steps; its values are those torch saved, read back exactly.
        OrderedDictionary<string, Tensor> read = PtFile.ReadModuleStateDict(PtFixtures.File("adamw_model_k3.pt"));
        foreach ((string key, Tensor value) in read)
        {
            Assert.Equal(value.ToArray(), state[key].ToArray());
        }
        Assert.NotEqual(PtFixtures.Values(json.GetProperty("initial").GetProperty("0.weight")),
            state["0.weight"].ToArray().Select(f => (double)f));
    }

    [Fact]
    public void OptimizerStateDictTakesTorchsLayout()
    {
        var model = PtFixtures.Model();
        AdamW optimizer = PtFixtures.Optimizer(model);
        OptimizerStateDict state = PtFile.ReadOptimizerStateDict(PtFixtures.File("adamw_optim_k3.pt"), optimizer);

        Assert.Equal("AdamW", state.OptimizerType);
        ParamGroupState group = Assert.Single(state.ParamGroups);
        Assert.Equal([0, 1, 2, 3], group.Params);
        Assert.Equal(0.01, group.Hyperparameters["lr"]);
        Assert.Equal((0.9, 0.999), group.Hyperparameters["betas"]);
        Assert.False(group.Hyperparameters.ContainsKey("foreach"));
        Assert.Equal(true, group.Hyperparameters["decoupled_weight_decay"]);
        Assert.Equal(4, state.State.Count);
        Assert.Equal(3f, ((Tensor)state.State[0]["step"]).Item());
        Assert.Equal([8, 4], ((Tensor)state.State[0]["exp_avg"]).Shape.ToArray());
    }

    [Fact]
    public void ACheckpointDictIsReadOneEntryAtATime()
    {
        string path = PtFixtures.File("adamw_checkpoint_k3.pt");
        var model = PtFixtures.Model();
        AdamW optimizer = PtFixtures.Optimizer(model);

        var e = Assert.Throws<TensorFileException>(() => PtFile.ReadModuleStateDict(path));
        Assert.Contains("whose entry the string 'model' is an OrderedDict of 4; a module state dict maps names to tensors (to read that dict, give entry: \"model\")", e.Message);
        var weights = PtFile.ReadModuleStateDict(path, entry: "model");
        OptimizerStateDict state = PtFile.ReadOptimizerStateDict(path, optimizer, entry: "optimizer");

        var alone = PtFile.ReadModuleStateDict(PtFixtures.File("adamw_model_k3.pt"));
        Assert.Equal(alone.Keys, weights.Keys);
        Assert.All(alone, kv => Assert.Equal(kv.Value.ToArray(), weights[kv.Key].ToArray()));
        Assert.Equal(PtFile.ReadOptimizerStateDict(PtFixtures.File("adamw_optim_k3.pt"), optimizer).ToString(), state.ToString());
        e = Assert.Throws<TensorFileException>(() => PtFile.ReadModuleStateDict(path, entry: "scheduler"));
        Assert.Contains("without an entry 'scheduler'", e.Message);
    }

    [Fact]
    public void AModuleFileIsNotAnOptimizerFileAndTheOtherWayRound()
    {
        var model = PtFixtures.Model();
        var optimizer = PtFixtures.Optimizer(model);
        var e = Assert.Throws<TensorFileException>(() => PtFile.ReadModuleStateDict(PtFixtures.File("adamw_optim_k3.pt")));
        Assert.Contains("optimizer state dict, not a module's", e.Message);
        e = Assert.Throws<TensorFileException>(() => optimizer.LoadPtStateDict(PtFixtures.File("adamw_model_k3.pt")));
        Assert.Contains("not an optimizer state dict", e.Message);
    }

    [Fact]
    public void AStateDictThatDoesNotFitChangesNothing()
    {
        var model = new Descent.NN.Sequential(new Descent.NN.Linear(4, 9), new Descent.NN.Tanh(), new Descent.NN.Linear(9, 1));
        float[] before = model.StateDict()["0.weight"].ToArray();

        var e = Assert.Throws<TensorFileException>(() => model.LoadPtStateDict(PtFixtures.File("adamw_model_k3.pt")));

        Assert.Contains("size mismatch for 0.weight", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.Equal(before, model.StateDict()["0.weight"].ToArray());
    }
}
