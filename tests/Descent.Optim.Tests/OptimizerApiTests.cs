namespace Descent.Optim.Tests;

public sealed class OptimizerApiTests
{
    private static Parameter P(params float[] values) => new(Tensor.FromArray(values));

    [Fact]
    public void GroupsOverrideSomeDefaultsAndKeepTheRest()
    {
        Parameter a = P(1, 2);
        Parameter b = P(3);
        var opt = new SGD([new ParamGroup([a]), new ParamGroup([b]) { ["lr"] = 0.5, ["momentum"] = 0.9 }], lr: 0.1, weightDecay: 0.01);

        Assert.Equal(0.1, opt.ParamGroups[0].Lr);
        Assert.Equal(0.5, opt.ParamGroups[1].Lr);
        Assert.Equal(0.9, ((SgdOptions)opt.ParamGroups[1].Options).Momentum);
        Assert.Equal(0.01, opt.ParamGroups[1]["weight_decay"]);
    }

    [Fact]
    public void ChangingTheLearningRateBetweenStepsTakesEffect()
    {
        Parameter a = P(1);
        var opt = new SGD([a], lr: 0.1);
        a.Grad = Tensor.Ones(1);
        opt.Step();
        opt.ParamGroups[0].Lr = 0.5;
        opt.Step();
        Assert.Equal(1f - 0.1f - 0.5f, a.Item(), 6);
    }

    [Fact]
    public void InvalidChangesAndUnknownKeysAreRefused()
    {
        var opt = new Adam([P(1)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => opt.ParamGroups[0].Lr = -1);
        Assert.Equal(1e-3, opt.ParamGroups[0].Lr);
        Assert.Throws<ArgumentException>(() => new Adam([new ParamGroup([P(1)]) { ["momentum"] = 0.9 }]));
        Assert.Throws<ArgumentException>(() => opt.ParamGroups[0]["betas"] = 0.9);
    }

    [Fact]
    public void AParameterInTwoGroupsOrAnEmptyListIsRefused()
    {
        Parameter a = P(1);
        var e = Assert.Throws<ArgumentException>(() => new SGD([new ParamGroup([a]), new ParamGroup([a])]));
        Assert.Contains("more than one parameter group", e.Message);
        Assert.Throws<ArgumentException>(() => new SGD(Array.Empty<Parameter>()));
        var opt = new SGD([a]);
        Assert.Throws<ArgumentException>(() => opt.AddParamGroup(new ParamGroup([a])));
    }

    [Fact]
    public void AddParamGroupTakesDefaultsAndSteps()
    {
        Parameter a = P(1);
        Parameter b = P(1);
        var opt = new SGD([a], lr: 0.1);
        opt.AddParamGroup(new ParamGroup([b]) { ["lr"] = 0.2 });
        a.Grad = Tensor.Ones(1);
        b.Grad = Tensor.Ones(1);
        opt.Step();
        Assert.Equal(0.9f, a.Item(), 6);
        Assert.Equal(0.8f, b.Item(), 6);
    }

    [Fact]
    public void ParametersWithoutGradientsAreSkipped()
    {
        Parameter a = P(1);
        Parameter b = P(1);
        var opt = new Adam([a, b]);
        a.Grad = Tensor.Ones(1);
        opt.Step();
        Assert.NotEqual(1f, a.Item());
        Assert.Equal(1f, b.Item());
        Assert.Null(opt.GetState(b));
        Assert.Equal([0], opt.StateDict().State.Keys);
    }

    [Fact]
    public void ZeroGradSetsToNoneOrZeroes()
    {
        Parameter a = P(1, 2);
        var opt = new SGD([a]);
        a.Grad = Tensor.Ones(2);
        Tensor grad = a.Grad;
        opt.ZeroGrad(setToNone: false);
        Assert.Same(grad, a.Grad);
        Assert.Equal(new float[] { 0, 0 }, a.Grad!.ToArray());
        opt.ZeroGrad();
        Assert.Null(a.Grad);
    }

    [Fact]
    public void StepHooksRunAroundTheStepAndCanBeRemoved()
    {
        Parameter a = P(1);
        var opt = new SGD([a], lr: 1);
        var calls = new List<string>();
        IDisposable pre = opt.RegisterStepPreHook(o => calls.Add($"pre {a.Item()}"));
        using IDisposable post = opt.RegisterStepPostHook(o => calls.Add($"post {a.Item()}"));
        a.Grad = Tensor.Ones(1);
        opt.Step();
        pre.Dispose();
        opt.Step();
        Assert.Equal(["pre 1", "post 0", "post -1"], calls);
    }

    [Fact]
    public void StepWithAClosureReevaluatesAndReturnsTheLoss()
    {
        Parameter a = P(3);
        var opt = new SGD([a], lr: 0.25);
        int evaluations = 0;
        Tensor loss = opt.Step(() =>
        {
            evaluations++;
            opt.ZeroGrad();
            Tensor l = (a * a).Sum();
            l.Backward();
            return l;
        });
        Assert.Equal(1, evaluations);
        Assert.Equal(9f, loss.Item());
        Assert.Equal(3f - 0.25f * 6f, a.Item());
    }

    [Fact]
    public void TheStateDictIsACopy()
    {
        Parameter a = P(1, 2);
        var opt = new Adam([a]);
        a.Grad = Tensor.Ones(2);
        opt.Step();
        OptimizerStateDict dict = opt.StateDict();
        var expAvg = (Tensor)dict.State[0]["exp_avg"];
        float[] before = expAvg.ToArray();
        opt.Step();
        Assert.Equal(before, expAvg.ToArray());

        var other = new Adam([P(1, 2)]);
        other.LoadStateDict(dict);
        using (Autograd.NoGrad())
        {
            expAvg.AsSpan()[0] = 100;
        }
        Assert.NotEqual(100f, ((Tensor)other.StateDict().State[0]["exp_avg"]).ToArray()[0]);
    }

    [Fact]
    public void TheStateDictPrintsPyTorchKeysAndValues()
    {
        var opt = new AdamW([P(1, 2)], lr: 0.2);
        opt.ParamGroups[0].InitialLr = 0.2;
        opt.ParamGroups[0].Params[0].Grad = Tensor.Ones(2);
        opt.Step();
        string text = opt.StateDict().ToString();

        Assert.Contains("state:", text);
        Assert.Contains("step: tensor(1.)", text);
        Assert.Contains("exp_avg: tensor([", text);
        Assert.Contains("exp_avg_sq: tensor([", text);
        Assert.Contains("param_groups:", text);
        Assert.Contains("- params: [0]", text);
        Assert.Contains("lr: 0.2", text);
        Assert.Contains("betas: (0.9, 0.999)", text);
        Assert.Contains("eps: 1e-08", text);
        Assert.Contains("weight_decay: 0.01", text);
        Assert.Contains("amsgrad: False", text);
        Assert.Contains("initial_lr: 0.2", text);
    }

    public static TheoryData<string> Constructors() => [.. PlainAndGroupConstructors.Keys];

    private static readonly Dictionary<string, (Func<Parameter[], Optimizer> Plain, Func<ParamGroup[], Optimizer> Groups)> PlainAndGroupConstructors = new()
    {
        ["SGD"] = (p => new SGD(p), g => new SGD(g)),
        ["Adam"] = (p => new Adam(p), g => new Adam(g)),
        ["AdamW"] = (p => new AdamW(p), g => new AdamW(g)),
        ["RMSprop"] = (p => new RMSprop(p), g => new RMSprop(g)),
        ["Adagrad"] = (p => new Adagrad(p), g => new Adagrad(g)),
        ["Adadelta"] = (p => new Adadelta(p), g => new Adadelta(g)),
        ["Adamax"] = (p => new Adamax(p), g => new Adamax(g)),
        ["NAdam"] = (p => new NAdam(p), g => new NAdam(g)),
        ["RAdam"] = (p => new RAdam(p), g => new RAdam(g)),
        ["ASGD"] = (p => new ASGD(p), g => new ASGD(g)),
        ["Rprop"] = (p => new Rprop(p), g => new Rprop(g)),
        ["LBFGS"] = (p => new LBFGS(p), g => new LBFGS(g)),
    };

    [Theory]
    [MemberData(nameof(Constructors))]
    public void ThePlainAndTheGroupConstructorShareTheirDefaults(string name)
    {
        (Func<Parameter[], Optimizer> plain, Func<ParamGroup[], Optimizer> groups) = PlainAndGroupConstructors[name];
        IReadOnlyDictionary<string, object?> fromPlain = plain([P(1)]).ParamGroups[0].ToDictionary();
        IReadOnlyDictionary<string, object?> fromGroups = groups([new ParamGroup([P(1)])]).ParamGroups[0].ToDictionary();
        Assert.Equal(fromGroups.Keys.Order(), fromPlain.Keys.Order());
        Assert.All(fromGroups, kv => Assert.Equal(kv.Value, fromPlain[kv.Key]));
    }

    [Fact]
    public void AdamWChangesOnlyTheWeightDecayDefaultsOfAdam()
    {
        var adam = (AdamOptions)new Adam([P(1)]).ParamGroups[0].Options;
        var adamW = (AdamOptions)new AdamW([P(1)]).ParamGroups[0].Options;
        Assert.Equal(adam with { WeightDecay = 1e-2, DecoupledWeightDecay = true }, adamW);
        Assert.Equal(0.0, adam.WeightDecay);
    }
}
