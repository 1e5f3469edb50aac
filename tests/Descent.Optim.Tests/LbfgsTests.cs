using System.Text.Json;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests;

/// <summary>
/// LBFGS against PyTorch on the fixture's problems, and the behaviour that sets it apart from the other optimizers:
/// a closure, one param group, the whole state under the first parameter.
/// </summary>
public sealed class LbfgsTests
{
    // The fixture records the problem rather than gradients (see tools/reference/optim/lbfgs.py): the loss and its
    // gradient are computed here by Descent's float32 ops, which round differently from PyTorch's, and L-BFGS carries
    // those differences through its dot products, curvature pairs and line search. On Rosenbrock (two parameters,
    // a few operations) everything agrees to 1e-6. On least squares the loss is a mean over 32 samples, summed in a
    // different order than PyTorch's BLAS and reductions, and the small components of d, where large terms of the
    // two-loop recursion nearly cancel, differ by up to 4e-5 relative. Hence 1e-4 relative, 10 times the battery's,
    // with its absolute floor; iteration and evaluation counts must match exactly. The cases stop after a few
    // iterations, before convergence would leave the curvature pairs holding rounding noise only.
    private const double Rel = 1e-4;
    private const double Abs = 1e-7;

    private static readonly JsonElement s_fixture = LoadFixture();

    public static TheoryData<int> FixtureCases() => new(Enumerable.Range(0, s_fixture.GetProperty("cases").GetArrayLength()));

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void ParametersLossAndEveryStateEntryMatchPyTorch(int caseIndex)
    {
        JsonElement c = s_fixture.GetProperty("cases")[caseIndex];
        string name = c.GetProperty("name").GetString()!;
        Parameter[] ps = c.GetProperty("initial").EnumerateArray().Select(t => new Parameter(FixtureTensor.Parse(t).ToTensor())).ToArray();
        Func<Tensor> loss = Problem(c.GetProperty("problem").GetString()!, ps, c.GetProperty("data"));
        var group = new ParamGroup(ps);
        foreach ((string key, object? value) in OptimFixture.Hyperparameters(c.GetProperty("hyperparameters")))
        {
            group[key] = value;
        }
        var opt = new LBFGS([group]);
        Tensor Closure()
        {
            opt.ZeroGrad();
            Tensor l = loss();
            l.Backward();
            return l;
        }

        foreach (JsonElement checkpoint in c.GetProperty("checkpoints").EnumerateArray())
        {
            string at = $"{name}, step {checkpoint.GetProperty("step").GetInt32()}";
            float returned = opt.Step(Closure).Item();
            Close.Tensors([(float)checkpoint.GetProperty("loss").GetDouble()], [returned], $"{at}: loss", Rel, Abs);
            JsonElement[] expectedParams = [.. checkpoint.GetProperty("params").EnumerateArray()];
            for (int i = 0; i < ps.Length; i++)
            {
                Close.Tensors(FixtureTensor.Parse(expectedParams[i]).Data, ps[i].AsReadOnlySpan(), $"{at}: param {i}", Rel, Abs);
            }

            IReadOnlyDictionary<string, object> state = Assert.Single(opt.StateDict().State, kv => kv.Key == 0).Value;
            JsonElement expected = checkpoint.GetProperty("state").GetProperty("0");
            Assert.Equal(expected.EnumerateObject().Select(e => e.Name).Order(), state.Keys.Order());
            foreach (JsonProperty entry in expected.EnumerateObject())
            {
                string what = $"{at}: state '{entry.Name}'";
                if (entry.Name is "func_evals" or "n_iter")
                {
                    Assert.True(FixtureTensor.Parse(entry.Value).Data[0] == ((Tensor)state[entry.Name]).Item(), $"{what}: PyTorch {entry.Value}, Descent {((Tensor)state[entry.Name]).Item()}");
                }
                else if (entry.Value.ValueKind == JsonValueKind.Array)
                {
                    var ours = (IReadOnlyList<Tensor>)state[entry.Name];
                    Assert.True(entry.Value.GetArrayLength() == ours.Count, $"{what}: {entry.Value.GetArrayLength()} items expected, got {ours.Count}");
                    int i = 0;
                    foreach (JsonElement item in entry.Value.EnumerateArray())
                    {
                        Close.Tensors(FixtureTensor.Parse(item).Data, ours[i].AsReadOnlySpan(), $"{what}[{i}]", Rel, Abs);
                        i++;
                    }
                }
                else
                {
                    Close.Tensors(FixtureTensor.Parse(entry.Value).Data, ((Tensor)state[entry.Name]).AsReadOnlySpan(), what, Rel, Abs);
                }
            }
        }
    }

    [Fact]
    public void TheFixtureRunsBothLineSearchSettingsInTwoConfigurationsEach()
    {
        var configs = s_fixture.GetProperty("cases").EnumerateArray()
            .Select(c => (Name: c.GetProperty("name").GetString()!.Split(" on ")[0], Wolfe: c.GetProperty("hyperparameters").GetProperty("line_search_fn").ValueKind == JsonValueKind.String))
            .Distinct()
            .ToArray();
        Assert.True(configs.Count(c => c.Wolfe) >= 2, "fewer than 2 configurations with the strong-Wolfe line search");
        Assert.True(configs.Count(c => !c.Wolfe) >= 2, "fewer than 2 configurations with fixed steps");
    }

    [Fact]
    public void StepWithoutAClosureThrows()
    {
        Parameter p = new(Tensor.Ones(2));
        var opt = new LBFGS([p]);
        p.Grad = Tensor.Ones(2);
        var e = Assert.Throws<InvalidOperationException>(opt.Step);
        Assert.Contains("Step(closure)", e.Message);
        Assert.Equal([1f, 1f], p.ToArray());
    }

    [Fact]
    public void MoreThanOneParamGroupIsRefusedAsInPyTorch()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new LBFGS([new ParamGroup([new Parameter(Tensor.Ones(1))]), new ParamGroup([new Parameter(Tensor.Ones(1))])]));
        Assert.StartsWith("LBFGS doesn't support per-parameter options (parameter groups)", e.Message);

        var opt = new LBFGS([new Parameter(Tensor.Ones(1))]);
        opt.AddParamGroup(new ParamGroup([new Parameter(Tensor.Ones(1))]));
        Assert.Throws<InvalidOperationException>(() => opt.Step(() => Tensor.Scalar(0)));
    }

    [Fact]
    public void MaxEvalDefaultsToFiveQuartersOfMaxIterAtConstruction()
    {
        Parameter[] ps = [new(Tensor.Ones(1))];
        Assert.Equal(10, ((LbfgsOptions)new LBFGS(ps, maxIter: 8).ParamGroups[0].Options).MaxEval);
        Assert.Equal(7, ((LbfgsOptions)new LBFGS(ps, maxIter: 9, maxEval: 7).ParamGroups[0].Options).MaxEval);
        // As in PyTorch, a group's own max_iter does not change the max_eval derived from the constructor's.
        var opt = new LBFGS([new ParamGroup(ps) { ["max_iter"] = 4 }]);
        Assert.Equal(25, opt.ParamGroups[0]["max_eval"]);
    }

    [Fact]
    public void AStepFromAnOptimumEvaluatesOnceAndKeepsOnlyTheCounters()
    {
        Parameter p = new(Tensor.FromArray([1f, 1f]));
        var opt = new LBFGS([p]);
        int evaluations = 0;
        Tensor loss = opt.Step(() =>
        {
            evaluations++;
            opt.ZeroGrad();
            Tensor l = (p - 1f).Square().Sum();
            l.Backward();
            return l;
        });
        Assert.Equal(1, evaluations);
        Assert.Equal(0f, loss.Item());
        IReadOnlyDictionary<string, object> state = opt.StateDict().State[0];
        Assert.Equal(["func_evals", "n_iter"], state.Keys.Order());
        Assert.Equal(1f, ((Tensor)state["func_evals"]).Item());
    }

    [Fact]
    public void StateLivesUnderTheFirstParameterAndLoadsAPyTorchDictWithItsScratchEntry()
    {
        Parameter[] ps = [new(Tensor.FromArray([-1.5f])), new(Tensor.FromArray([2f]))];
        var opt = new LBFGS(ps, maxIter: 3);
        Func<Tensor> closure = Rosenbrock(opt, ps);
        opt.Step(closure);
        opt.Step(closure);
        OptimizerStateDict dict = opt.StateDict();
        Assert.Equal([0], dict.State.Keys);

        // PyTorch's dict also holds 'al', the two-loop recursion's scratch space; loading ignores it.
        var withScratch = new Dictionary<string, object>(dict.State[0]) { ["al"] = new List<Tensor> { Tensor.Scalar(0.5f) } };
        Parameter[] copies = ps.Select(p => new Parameter(p.Detach().Clone())).ToArray();
        var other = new LBFGS(copies);
        other.LoadStateDict(dict with { State = new Dictionary<int, IReadOnlyDictionary<string, object>> { [0] = withScratch } });
        opt.Step(closure);
        other.Step(Rosenbrock(other, copies));
        for (int i = 0; i < ps.Length; i++)
        {
            Close.Bitwise(ps[i].AsReadOnlySpan(), copies[i].AsReadOnlySpan(), $"param {i}");
        }

        var misplaced = new Dictionary<int, IReadOnlyDictionary<string, object>> { [1] = dict.State[0] };
        var e = Assert.Throws<ArgumentException>(() => other.LoadStateDict(dict with { State = misplaced }));
        Assert.Contains("first parameter", e.Message);
    }

    private static Func<Tensor> Rosenbrock(Optimizer opt, Parameter[] ps) => () =>
    {
        opt.ZeroGrad();
        Tensor l = ((1f - ps[0]).Square() + 100f * (ps[1] - ps[0] * ps[0]).Square()).Sum();
        l.Backward();
        return l;
    };

    /// <summary>The fixture's problems as Descent computes them, with the same operations as common.py.</summary>
    private static Func<Tensor> Problem(string problem, Parameter[] p, JsonElement data) => problem switch
    {
        "rosenbrock" => () =>
        {
            Tensor a = p[0].Narrow(0, 0, 1);
            Tensor b = p[0].Narrow(0, 1, 1);
            return ((1f - a).Square() + 100f * (b - a * a).Square()).Sum();
        },
        "linreg" => LinearRegression(p, FixtureTensor.Parse(data.GetProperty("x")).ToTensor(), FixtureTensor.Parse(data.GetProperty("y")).ToTensor()),
        _ => throw new ArgumentException($"unknown problem {problem}"),
    };

    private static Func<Tensor> LinearRegression(Parameter[] p, Tensor x, Tensor y) => () => (x.MatMul(p[0]) + p[1] - y).Square().Mean();

    private static JsonElement LoadFixture()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "optim", "lbfgs.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }
}
