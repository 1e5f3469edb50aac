namespace Descent.NN.Tests;

public sealed class StateDictTests
{
    private static Sequential Mlp(ulong seed) =>
        new(new Linear(4, 8, generator: new Generator(seed)), new Tanh(), new Linear(8, 3, generator: new Generator(seed + 1)));

    private static Dictionary<string, float[]> Snapshot(Module module) =>
        module.StateDict().ToDictionary(e => e.Key, e => e.Value.ToArray());

    [Fact]
    public void RoundTripReproducesTheModel()
    {
        Sequential source = Mlp(1);
        Sequential copy = Mlp(100);
        Tensor x = Tensor.Randn([3, 4], new Generator(7));

        LoadStateDictResult result = copy.LoadStateDict(source.StateDict());

        Assert.Empty(result.MissingKeys);
        Assert.Empty(result.UnexpectedKeys);
        Assert.Equal(source.Forward(x).ToArray(), copy.Forward(x).ToArray());
    }

    [Fact]
    public void StateDictHoldsDetachedCopiesInPyTorchOrder()
    {
        var net = new ScaledNet();

        var state = net.StateDict();
        using (Autograd.NoGrad())
        {
            net.Scale.AsSpan()[0] = 5f;
        }

        // Own parameters, then own persistent buffers, then children; the non-persistent buffer is left out.
        Assert.Equal(["scale", "running", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], state.Keys);
        Assert.Equal(1f, state["scale"].Item());
        Assert.All(state.Values, t => Assert.False(t.RequiresGrad));
        Assert.NotSame(net.Fc1.Weight, state["fc1.weight"]);
    }

    [Fact]
    public void LoadingCopiesIntoTheExistingParameters()
    {
        Sequential model = Mlp(1);
        Parameter weight = ((Linear)model[0]).Weight;
        var state = Mlp(2).StateDict();

        model.LoadStateDict(state);

        // Same object, new values: an optimizer holding the parameter sees the loaded values.
        Assert.Same(weight, ((Linear)model[0]).Weight);
        Assert.Equal(state["0.weight"].ToArray(), weight.ToArray());
        Assert.True(weight.RequiresGrad);
    }

    [Fact]
    public void BuffersAreLoadedToo()
    {
        var net = new ScaledNet();
        var state = net.StateDict();
        state["running"] = Tensor.FromArray([1f, 2f]);

        net.LoadStateDict(state);

        Assert.Equal([1f, 2f], net.Running.ToArray());
    }

    [Fact]
    public void StrictLoadReportsMissingKeysAndChangesNothing()
    {
        Sequential model = Mlp(1);
        var before = Snapshot(model);
        var state = Mlp(2).StateDict();
        state.Remove("2.bias");

        var error = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state));

        Assert.Contains("Missing key(s) in state_dict: \"2.bias\".", error.Message);
        Assert.Equal(before, Snapshot(model));
    }

    [Fact]
    public void StrictLoadReportsUnexpectedKeys()
    {
        Sequential model = Mlp(1);
        var state = Mlp(2).StateDict();
        state["5.weight"] = Tensor.Zeros(1);
        state["extra"] = Tensor.Zeros(1);

        var error = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state));

        Assert.Contains("Unexpected key(s) in state_dict: \"5.weight\", \"extra\".", error.Message);
    }

    [Fact]
    public void MisshapedEntriesThrowEvenWhenNotStrictAndChangeNothing()
    {
        Sequential model = Mlp(1);
        var before = Snapshot(model);
        var state = Mlp(2).StateDict();
        state["0.weight"] = Tensor.Zeros(3, 4);

        var strictError = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state));
        var lenientError = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state, strict: false));

        const string Expected = "size mismatch for 0.weight: copying a param with shape [3,4] from checkpoint, the shape in current model is [8,4].";
        Assert.Contains(Expected, strictError.Message);
        Assert.Contains(Expected, lenientError.Message);
        Assert.Equal(before, Snapshot(model));
    }

    [Fact]
    public void StrictErrorListsEveryProblemInPyTorchOrder()
    {
        Sequential model = Mlp(1);
        var state = Mlp(2).StateDict();
        state.Remove("0.bias");
        state["x"] = Tensor.Zeros(1);
        state["2.weight"] = Tensor.Zeros(2, 2);

        string message = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state)).Message;

        Assert.StartsWith("Error(s) in loading state_dict for Sequential:", message);
        int missing = message.IndexOf("Missing key(s) in state_dict: \"0.bias\".", StringComparison.Ordinal);
        int unexpected = message.IndexOf("Unexpected key(s) in state_dict: \"x\".", StringComparison.Ordinal);
        int mismatch = message.IndexOf("size mismatch for 2.weight", StringComparison.Ordinal);
        Assert.True(missing > 0 && unexpected > missing && mismatch > unexpected, message);
    }

    [Fact]
    public void NonStrictLoadReturnsTheListsAndLoadsTheRest()
    {
        Sequential model = Mlp(1);
        Sequential source = Mlp(2);
        var state = source.StateDict();
        state.Remove("2.weight");
        state["extra.weight"] = Tensor.Zeros(1);

        LoadStateDictResult result = model.LoadStateDict(state, strict: false);

        Assert.Equal(["2.weight"], result.MissingKeys);
        Assert.Equal(["extra.weight"], result.UnexpectedKeys);
        Assert.Equal(state["0.weight"].ToArray(), ((Linear)model[0]).Weight.ToArray());
        Assert.Equal(state["2.bias"].ToArray(), ((Linear)model[2]).Bias!.ToArray());
        Assert.NotEqual(source.StateDict()["2.weight"].ToArray(), ((Linear)model[2]).Weight.ToArray());
    }

    [Fact]
    public void LossWeightsAreBuffersUnderPyTorchNames()
    {
        Assert.Equal(["weight"], new CrossEntropyLoss(Tensor.Ones(3)).StateDict().Keys);
        Assert.Equal(["weight"], new NLLLoss(Tensor.Ones(3)).StateDict().Keys);
        Assert.Equal(["pos_weight"], new BCEWithLogitsLoss(posWeight: Tensor.Ones(3)).StateDict().Keys);
        Assert.Empty(new CrossEntropyLoss().StateDict());
        Assert.Empty(new CrossEntropyLoss(Tensor.Ones(3)).Parameters());
    }
}
