using Descent.Optim.Serialization;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests;

public sealed class NamedStateDictTests
{
    private static Parameter P(params float[] values) => new(Tensor.FromArray(values, values.Length));

    private static void StepOnce(Optimizer optimizer)
    {
        foreach (Parameter p in optimizer.ParamGroups.SelectMany(g => g.Params))
        {
            p.Grad = Tensor.FromArray(p.ToArray().Select(v => v * 0.5f + 1f).ToArray(), p.Shape[0]);
        }
        optimizer.Step();
    }

    [Fact]
    public void StateDictCarriesParamNamesThroughAFile()
    {
        Parameter w = P(1f, 2f, 3f), b = P(0.5f);
        var adam = new Adam([new ParamGroup([("0.weight", w), ("0.bias", b)])]);
        StepOnce(adam);

        OptimizerStateDict state = adam.StateDict();
        Assert.Equal(["0.weight", "0.bias"], state.ParamGroups[0].ParamNames);
        Assert.Contains("param_names: ['0.weight', '0.bias']", state.ToString());

        string path = Path.Combine(Path.GetTempPath(), $"descent-named-{Guid.NewGuid():N}.safetensors");
        try
        {
            adam.Save(path);
            var copy = new Adam([new ParamGroup([("0.weight", new Parameter(w.Clone())), ("0.bias", new Parameter(b.Clone()))])]);
            copy.Load(path);
            Assert.Equal(["0.weight", "0.bias"], copy.StateDict().ParamGroups[0].ParamNames);
            Close.StateDicts(state, copy.StateDict());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UnnamedStateDictsKeepTheIndexFormat()
    {
        var adam = new Adam([P(1f, 2f)]);
        StepOnce(adam);
        OptimizerStateDict state = adam.StateDict();
        Assert.Null(state.ParamGroups[0].ParamNames);
        (_, string json) = StateDictEncoding.Encode(state);
        Assert.DoesNotContain("param_names", json);
        // A named optimizer loads an unnamed dict by index, as before names existed.
        var named = new Adam([new ParamGroup([("w", P(1f, 2f))])]);
        named.LoadStateDict(state);
        Assert.Equal(1, ((AdamState)named.GetState(named.ParamGroups[0].Params[0])!).Step);
    }

    [Fact]
    public void NonStrictLoadMapsStateByNameAndReportsWhatDoesNotMatch()
    {
        Parameter w = P(1f, 2f, 3f), b = P(0.5f), old = P(9f);
        var saved = new Adam([new ParamGroup([("weight", w), ("bias", b), ("old", old)])], lr: 0.01);
        StepOnce(saved);
        StepOnce(saved);

        Parameter w2 = P(1f, 2f, 3f), b2 = P(0.5f), extra = P(4f, 5f);
        var loaded = new Adam([new ParamGroup([("bias", b2), ("extra", extra), ("weight", w2)])]);
        OptimizerLoadResult result = loaded.LoadStateDict(saved.StateDict(), strict: false);

        Assert.Equal(["extra"], result.MissingNames);
        Assert.Equal(["old"], result.UnexpectedNames);
        Assert.Equal(0.01, loaded.ParamGroups[0].Lr);
        var expected = (AdamState)saved.GetState(w)!;
        var actual = (AdamState)loaded.GetState(w2)!;
        Assert.Equal(2, actual.Step);
        Close.Bitwise(expected.ExpAvgSq!.AsReadOnlySpan(), actual.ExpAvgSq!.AsReadOnlySpan(), "weight exp_avg_sq");
        Close.Bitwise(((AdamState)saved.GetState(b)!).ExpAvg!.AsReadOnlySpan(), ((AdamState)loaded.GetState(b2)!).ExpAvg!.AsReadOnlySpan(), "bias exp_avg");
        Assert.Null(loaded.GetState(extra));
    }

    [Fact]
    public void NonStrictLoadChecksShapesFirstAndNeedsNames()
    {
        var saved = new Adam([new ParamGroup([("w", P(1f, 2f, 3f))])]);
        StepOnce(saved);
        var loaded = new Adam([new ParamGroup([("w", P(1f, 2f)), ("v", P(3f))])], lr: 0.5);
        StepOnce(loaded);
        OptimizerStateDict before = loaded.StateDict();

        Assert.Throws<ArgumentException>(() => loaded.LoadStateDict(saved.StateDict(), strict: false));
        Close.StateDicts(before, loaded.StateDict());
        Assert.Equal(0.5, loaded.ParamGroups[0].Lr);

        var unnamed = new Adam([P(1f, 2f, 3f)]);
        Assert.Contains("no param_names", Assert.Throws<ArgumentException>(() => saved.LoadStateDict(unnamed.StateDict(), strict: false)).Message);
        Assert.Contains("without names", Assert.Throws<ArgumentException>(() => unnamed.LoadStateDict(saved.StateDict(), strict: false)).Message);
    }

    [Fact]
    public void StrictLoadRefusesOtherNamesInTheSamePlace()
    {
        var saved = new Adam([new ParamGroup([("a", P(1f)), ("b", P(2f))])]);
        var loaded = new Adam([new ParamGroup([("b", P(1f)), ("a", P(2f))])]);
        var e = Assert.Throws<ArgumentException>(() => loaded.LoadStateDict(saved.StateDict()));
        Assert.Contains("strict: false", e.Message);
    }

    [Fact]
    public void GroupsAreAllNamedOrAllUnnamedAsPyTorchRequires()
    {
        var e = Assert.Throws<ArgumentException>(() => new Adam([new ParamGroup([P(1f)]), new ParamGroup([("w", P(2f))])]));
        Assert.StartsWith("all optimizer param groups should be with/without names. cannot add param group with names to the optimizer", e.Message);
        Assert.Throws<ArgumentException>(() => new ParamGroup([("w", P(1f)), ("w", P(2f))]));
    }

    [Fact]
    public void RegistryBuildsFromNamedParameters()
    {
        Optimizer sgd = OptimizerRegistry.Create("sgd", [("layer.weight", P(1f))], new Dictionary<string, object?> { ["momentum"] = 0.9 });
        Assert.Equal(["layer.weight"], sgd.StateDict().ParamGroups[0].ParamNames);
    }
}
