using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests;

/// <summary>Adafactor beyond the battery: the factored path against the scalar reference, its state's shapes, and PyTorch's eps pair.</summary>
public sealed class AdafactorTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FactoredParametersOnTheFastPathEqualTheScalarReference(bool maximize)
    {
        // Widths with every SIMD remainder, a batch of matrices, and a tall one.
        int[][] shapes = [[3, 257], [2, 5, 17], [40, 3], [1, 1]];
        Parameter[] Make() => shapes.Select((s, i) => new Parameter(Tensor.Randn(s, new Generator((ulong)i + 1)))).ToArray();
        Parameter[] fast = Make(), reference = Make();
        var fastOpt = new Adafactor(fast, weightDecay: 0.1, maximize: maximize);
        var referenceOpt = new Adafactor(reference, weightDecay: 0.1, maximize: maximize) { UseReference = true };
        var generator = new Generator(7);
        for (int step = 0; step < 6; step++)
        {
            for (int i = 0; i < fast.Length; i++)
            {
                Tensor grad = Tensor.Randn([.. fast[i].Shape], generator);
                (fast[i].Grad, reference[i].Grad) = (grad, grad.Detach().Clone());
            }
            fastOpt.Step();
            referenceOpt.Step();
        }
        for (int i = 0; i < fast.Length; i++)
        {
            Close.Bitwise(reference[i].AsReadOnlySpan(), fast[i].AsReadOnlySpan(), $"param of shape [{string.Join(",", shapes[i])}]");
        }
        Close.StateDicts(referenceOpt.StateDict(), fastOpt.StateDict());
    }

    [Fact]
    public void MatricesKeepRowAndColumnFactorsAndVectorsTheFullVariance()
    {
        Parameter[] ps = [new(Tensor.Randn([2, 3, 4], new Generator(1))), new(Tensor.Randn([5], new Generator(2)))];
        var opt = new Adafactor(ps);
        foreach (Parameter p in ps)
        {
            p.Grad = Tensor.OnesLike(p);
        }
        opt.Step();
        IReadOnlyDictionary<int, IReadOnlyDictionary<string, object>> state = opt.StateDict().State;
        Assert.Equal(["step", "row_var", "col_var"], state[0].Keys);
        Assert.Equal([2, 3, 1], ((Tensor)state[0]["row_var"]).Shape.ToArray());
        Assert.Equal([2, 1, 4], ((Tensor)state[0]["col_var"]).Shape.ToArray());
        Assert.Equal(["step", "variance"], state[1].Keys);
        // At step 1 the weight t^τ is 1, so the factors are the means of g² = 1.
        Assert.All(((Tensor)state[0]["row_var"]).ToArray(), v => Assert.Equal(1f, v));

        var other = new Adafactor([new Parameter(Tensor.Zeros(2, 4, 3)), new Parameter(Tensor.Zeros(5))]);
        OptimizerStateDict before = other.StateDict();
        var e = Assert.Throws<ArgumentException>(() => other.LoadStateDict(opt.StateDict()));
        Assert.Contains("row_var", e.Message);
        Close.StateDicts(before, other.StateDict());
    }

    public static TheoryData<object> EpsPairs() => new()
    {
        ((double?)null, 1e-3),
        new object?[] { null, 1e-3 },
        new double?[] { null, 1e-3 },
    };

    [Theory]
    [MemberData(nameof(EpsPairs))]
    public void TheRegistryTakesEpsWithNoneFirstInEverySpelling(object eps)
    {
        Optimizer opt = OptimizerRegistry.Create("adafactor", [new Parameter(Tensor.Zeros(2, 2))],
            new Dictionary<string, object?> { ["eps"] = eps, ["beta2_decay"] = -0.6, ["d"] = 1.5 });
        var options = Assert.IsType<AdafactorOptions>(opt.ParamGroups[0].Options);
        Assert.Equal(((double?)null, 1e-3), options.Eps);
        Assert.Equal(AdafactorOptions.MachineEpsilon, options.Eps1);
        Assert.Equal("(None, 0.001)", OptimizerStateDict.FormatValue(opt.ParamGroups[0]["eps"]));
    }

    [Fact]
    public void AnEpsPairWithANumberFirstIsUsedAsGiven()
    {
        Optimizer opt = OptimizerRegistry.Create("adafactor", [new Parameter(Tensor.Zeros(3))],
            new Dictionary<string, object?> { ["eps"] = (1e-30, 1e-3) });
        Assert.Equal(1e-30, ((AdafactorOptions)opt.ParamGroups[0].Options).Eps1);
    }
}
