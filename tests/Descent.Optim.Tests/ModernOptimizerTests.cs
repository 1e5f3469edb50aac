using System.Text.Json;
using Descent.Optim.Tests.Catalogue;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests;

/// <summary>
/// The optimizers beyond PyTorch 1.13 by their registry names with the references' keyword names, and Schedule-Free's
/// train/eval switch against its reference.
/// </summary>
public sealed class ModernOptimizerTests
{
    public static TheoryData<string, string> RegistryNames() => new()
    {
        { "schedulefree_adamw", "AdamWScheduleFree" },
        { "schedulefree_sgd", "SGDScheduleFree" },
        { "adopt", "ADOPT" },
        { "ademamix", "AdEMAMix" },
        { "prodigy", "Prodigy" },
    };

    [Theory]
    [MemberData(nameof(RegistryNames))]
    public void TheRegistryBuildsEachFromTheReferenceKeysAndReplaysItsFixture(string name, string fixtureName)
    {
        (double rel, double abs) = OptimizerCase.Named(fixtureName).FixtureTolerance;
        foreach (FixtureCase c in OptimFixture.Load(fixtureName).Cases.Where(c => c.Groups is null))
        {
            Parameter[] ps = c.Initial.Select(t => new Parameter(t.ToTensor())).ToArray();
            Optimizer opt = OptimizerRegistry.Create(name, ps, c.Options);
            Assert.Equal(fixtureName, opt.GetType().Name);
            for (int step = 1; step <= c.Grads.Length; step++)
            {
                for (int i = 0; i < ps.Length; i++)
                {
                    ps[i].Grad = c.Grads[step - 1][i]?.ToTensor();
                }
                opt.Step();
            }
            FixtureCheckpoint last = c.Checkpoints[^1];
            Assert.Equal(c.Grads.Length, last.Step);
            for (int i = 0; i < ps.Length; i++)
            {
                Close.Tensors(last.Params[i].Data, ps[i].AsReadOnlySpan(), $"{c.Name}, step {last.Step}: param {i}", rel, abs);
            }
        }
    }

    [Fact]
    public void EvalAndTrainBetweenStepsMoveTheParametersAsTheReference()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "optim", "schedulefree_switch.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (JsonElement c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            Parameter[] ps = c.GetProperty("initial").EnumerateArray().Select(t => new Parameter(FixtureTensor.Parse(t).ToTensor())).ToArray();
            string name = c.GetProperty("optimizer").GetString()!;
            Optimizer opt = OptimizerCase.Named(name).Create(ps, OptimFixture.Hyperparameters(c.GetProperty("options")));
            var modes = (ITrainEvalOptimizer)opt;
            JsonElement[] grads = [.. c.GetProperty("grads").EnumerateArray()];
            JsonElement[] records = [.. c.GetProperty("records").EnumerateArray()];
            int next = 0;
            for (int step = 1; step <= grads.Length; step++)
            {
                JsonElement[] g = [.. grads[step - 1].EnumerateArray()];
                for (int i = 0; i < ps.Length; i++)
                {
                    ps[i].Grad = FixtureTensor.Parse(g[i]).ToTensor();
                }
                opt.Step();
                while (next < records.Length && records[next].GetProperty("step").GetInt32() == step)
                {
                    JsonElement record = records[next++];
                    bool eval = record.GetProperty("mode").GetString() == "eval";
                    if (eval)
                    {
                        modes.Eval();
                    }
                    else
                    {
                        modes.Train();
                    }
                    Assert.Equal(!eval, modes.IsTraining);
                    JsonElement[] expected = [.. record.GetProperty("params").EnumerateArray()];
                    for (int i = 0; i < ps.Length; i++)
                    {
                        Close.Tensors(FixtureTensor.Parse(expected[i]).Data, ps[i].AsReadOnlySpan(), $"{name}, step {step}, {(eval ? "x" : "y")}: param {i}");
                    }
                }
            }
            Assert.Equal(records.Length, next);
        }
    }

    [Fact]
    public void AStepOutsideTrainModeIsRefusedOnceStepsWereTaken()
    {
        var p = new Parameter(Tensor.FromArray([1f, -2f]));
        var opt = new AdamWScheduleFree([p], lr: 0.1);
        Assert.False(opt.IsTraining);
        p.Grad = Tensor.FromArray([0.5f, 0.5f]);
        opt.Step();                      // the first step switches to train mode itself, moving nothing
        Assert.True(opt.IsTraining);
        opt.Eval();
        float[] x = p.ToArray();
        var e = Assert.Throws<InvalidOperationException>(() => opt.Step());
        Assert.Contains("Optimizer was not in train mode when step is called", e.Message);
        Assert.Equal(x, p.ToArray());
        Assert.Equal(1, (int)opt.ParamGroups[0]["k"]!);
    }

    [Fact]
    public void AdEMAMixTakesItsThreeBetasAsATupleOrAnyListOfNumbers()
    {
        object[] forms = [(0.8, 0.99, 0.999), new[] { 0.8, 0.99, 0.999 }, new List<double> { 0.8, 0.99, 0.999 }, new object[] { 0.8, 0.99, 0.999 }];
        foreach (object betas in forms)
        {
            Optimizer opt = OptimizerRegistry.Create("ademamix", [new Parameter(Tensor.Zeros(2))], new Dictionary<string, object?> { ["betas"] = betas });
            Assert.Equal([0.8, 0.99, 0.999], Assert.IsType<double[]>(opt.ParamGroups[0]["betas"]));
        }
        Assert.ThrowsAny<ArgumentException>(() =>
            OptimizerRegistry.Create("ademamix", [new Parameter(Tensor.Zeros(2))], new Dictionary<string, object?> { ["betas"] = (0.9, 0.999) }));
    }

    [Fact]
    public void ProdigyWritesItsEstimateIntoTheStateDict()
    {
        var p = new Parameter(Tensor.FromArray([1f, -2f, 3f]));
        Optimizer opt = OptimizerRegistry.Create("prodigy", [p], new Dictionary<string, object?> { ["d0"] = 1e-5, ["growth_rate"] = 2.0 });
        Assert.Equal(1e-5, (double)opt.ParamGroups[0]["d"]!);
        for (int i = 0; i < 3; i++)
        {
            p.Grad = Tensor.FromArray([0.5f, -1f, 2f]);
            opt.Step();
        }
        IReadOnlyDictionary<string, object?> group = opt.StateDict().ParamGroups[0].Hyperparameters;
        Assert.True((double)group["d"]! > 1e-5, "d did not grow");
        Assert.True((double)group["d"]! <= 1e-5 * 8, "growth_rate did not bound d");
        Assert.Equal(3, (int)group["k"]!);
        Assert.True(group.ContainsKey("d_hat") && group.ContainsKey("d_denom") && group.ContainsKey("d_numerator"));
    }
}
