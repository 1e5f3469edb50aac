namespace Descent.NN.Tests;

public sealed class ModuleTests
{
    private static Sequential Mlp(ulong seed = 1) =>
        new(new Linear(4, 8, generator: new Generator(seed)), new Tanh(), new Linear(8, 8, generator: new Generator(seed + 1)),
            new ReLU(), new Linear(8, 3, generator: new Generator(seed + 2)));

    [Fact]
    public void SequentialNamesParametersByPositionAsPyTorch()
    {
        Sequential model = Mlp();

        string[] names = model.NamedParameters().Select(p => p.Name).ToArray();

        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"], names);
        Assert.Equal(model.NamedParameters().Select(p => p.Parameter), model.Parameters());
        Assert.Same(((Linear)model[2]).Weight, model.Parameters().ElementAt(2));
    }

    [Fact]
    public void NamedChildrenAndOwnParametersComeInPyTorchOrder()
    {
        var net = new ScaledNet();

        Assert.Equal(["scale", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], net.NamedParameters().Select(p => p.Name));
        Assert.Equal(["scale"], net.NamedParameters(recurse: false).Select(p => p.Name));
        Assert.Equal(["net.scale", "net.fc1.weight"], net.NamedParameters("net").Take(2).Select(p => p.Name));
        Assert.Equal(["fc1", "act", "fc2"], net.NamedChildren().Select(c => c.Name));
        Assert.Equal([net.Fc1, net.Act, net.Fc2], net.Children());
        Assert.Equal(["", "fc1", "act", "fc2"], net.NamedModules().Select(m => m.Name));
        Assert.Equal(["running", "scratch"], net.NamedBuffers().Select(b => b.Name));
    }

    [Fact]
    public void SharedModulesAndParametersAreListedOnce()
    {
        var shared = new Linear(2, 2);
        var model = new Sequential(shared, new ReLU(), shared);

        Assert.Equal(["0.weight", "0.bias"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(3, model.Modules().Count());
        Assert.Equal(2, model.Children().Count());
        // The state dict keeps every path, as PyTorch's does.
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.StateDict().Keys);
    }

    [Fact]
    public void SequentialAppliesModulesInOrderAndIndexesLikePython()
    {
        var first = new Linear(3, 2);
        var model = new Sequential { first, new Tanh() };
        model.Add(new Identity());
        Tensor x = Tensor.Randn([5, 3], new Generator(3));

        Tensor y = model.Forward(x);

        Assert.Equal(3, model.Count);
        Assert.Same(first, model[0]);
        Assert.IsType<Identity>(model[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => model[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => model[-4]);
        Assert.Equal(Tensor.Linear(x, first.Weight, first.Bias).Tanh().ToArray(), y.ToArray());
        Assert.Equal(3, model.Count());
        Assert.Same(x, new Sequential().Forward(x));
    }

    [Fact]
    public void NestedSequentialIsAChildNotFlattened()
    {
        var inner = new Sequential(new Linear(2, 2));

        var outer = new Sequential(inner);

        Assert.Equal(1, outer.Count);
        Assert.Same(inner, outer[0]);
        Assert.Equal(["0.0.weight", "0.0.bias"], outer.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void TrainAndEvalPropagateToEveryDescendant()
    {
        var model = new Sequential(new Sequential(new Dropout(), new Linear(2, 2)), new ScaledNet());

        Assert.All(model.Modules(), m => Assert.True(m.IsTraining));
        Assert.Same(model, model.Eval());
        Assert.All(model.Modules(), m => Assert.False(m.IsTraining));
        model.Train();
        Assert.All(model.Modules(), m => Assert.True(m.IsTraining));
        model.Train(false);
        Assert.All(model.Modules(), m => Assert.False(m.IsTraining));
    }

    [Fact]
    public void ZeroGradSetsGradientsToNullOrZero()
    {
        Sequential model = Mlp();
        Tensor x = Tensor.Randn([2, 4], new Generator(5));
        model.Forward(x).Sum().Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Grad));

        Tensor firstGrad = model.Parameters().First().Grad!;
        model.ZeroGrad(setToNone: false);
        Assert.All(model.Parameters(), p => Assert.All(p.Grad!.ToArray(), v => Assert.Equal(0f, v)));
        Assert.Same(firstGrad, model.Parameters().First().Grad);

        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void ToStringPrintsTheTreeAsPyTorch()
    {
        var model = new Sequential(
            new Sequential(new Linear(2, 2)),
            new LeakyReLU(0.2),
            new ELU(),
            new Softplus(2.0, 5.0),
            new Dropout(0.25),
            new Flatten(),
            new Identity(),
            new LogSoftmax(dim: -1));

        // Printed by PyTorch 1.13 for the same model.
        const string Expected = """
            Sequential(
              (0): Sequential(
                (0): Linear(in_features=2, out_features=2, bias=True)
              )
              (1): LeakyReLU(negative_slope=0.2)
              (2): ELU(alpha=1.0)
              (3): Softplus(beta=2.0, threshold=5.0)
              (4): Dropout(p=0.25, inplace=False)
              (5): Flatten(start_dim=1, end_dim=-1)
              (6): Identity()
              (7): LogSoftmax(dim=-1)
            )
            """;
        Assert.Equal(Expected.ReplaceLineEndings("\n"), model.ToString());
    }

    [Fact]
    public void ToStringOfLeavesAndCustomModules()
    {
        Assert.Equal("Linear(in_features=4, out_features=3, bias=False)", new Linear(4, 3, bias: false).ToString());
        Assert.Equal("ReLU()", new ReLU().ToString());
        Assert.Equal("GELU(approximate='none')", new GELU().ToString());
        Assert.Equal("Softmax(dim=1)", new Softmax(1).ToString());
        Assert.Equal("CrossEntropyLoss()", new CrossEntropyLoss(Tensor.Ones(3)).ToString());
        Assert.Equal(
            "ScaledNet(\n  (fc1): Linear(in_features=4, out_features=3, bias=True)\n  (act): ReLU()\n  (fc2): Linear(in_features=3, out_features=2, bias=True)\n)",
            new ScaledNet().ToString());
    }

    [Fact]
    public void RegistrationRejectsBadAndConflictingNames()
    {
        Assert.Throws<ArgumentException>(() => new BadNames("a.b"));
        Assert.Throws<ArgumentException>(() => new BadNames(""));
        Assert.Throws<ArgumentException>(() => new BadNames("conflict"));
    }

    private sealed class BadNames : Module
    {
        public BadNames(string name)
        {
            if (name == "conflict")
            {
                RegisterParameter("conflict", new Parameter(Tensor.Zeros(1)));
                RegisterModule("conflict", new ReLU());
            }
            else
            {
                RegisterParameter(name, new Parameter(Tensor.Zeros(1)));
            }
        }

        public override Tensor Forward(Tensor input) => input;
    }
}
