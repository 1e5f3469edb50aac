using Descent.Optim.Tests.Catalogue;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests;

/// <summary>One battery over the whole catalogue of optimizers.</summary>
public sealed class OptimizerBatteryTests
{
    public static TheoryData<string> Optimizers() => new(OptimizerCase.All.Select(c => c.Name));

    public static TheoryData<string> ReplayableOptimizers() => new(Replayable.Select(c => c.Name));

    public static TheoryData<string> IndependentGroupOptimizers() => new(Replayable.Where(c => c.GroupsStepApart).Select(c => c.Name));

    public static TheoryData<string, int> FixtureCases()
    {
        var data = new TheoryData<string, int>();
        foreach (OptimizerCase c in Replayable)
        {
            for (int i = 0; i < OptimFixture.Load(c.Name).Cases.Length; i++)
            {
                data.Add(c.Name, i);
            }
        }
        return data;
    }

    public static TheoryData<string, int> ValidConfigs() => Configs(OptimizerCase.All);

    public static TheoryData<string, int> ReplayableConfigs() => Configs(Replayable);

    private static IEnumerable<OptimizerCase> Replayable => OptimizerCase.All.Where(c => c.NoGradientReplay is null);

    private static TheoryData<string, int> Configs(IEnumerable<OptimizerCase> cases)
    {
        var data = new TheoryData<string, int>();
        foreach (OptimizerCase c in cases)
        {
            for (int i = 0; i < c.ValidConfigs.Count; i++)
            {
                data.Add(c.Name, i);
            }
        }
        return data;
    }

    public static TheoryData<string, int> InvalidConfigs()
    {
        var data = new TheoryData<string, int>();
        foreach (OptimizerCase c in OptimizerCase.All)
        {
            for (int i = 0; i < c.InvalidConfigs.Count; i++)
            {
                data.Add(c.Name, i);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void ParametersAndEveryStateEntryMatchPyTorch(string optimizer, int caseIndex)
    {
        FixtureCase fixture = OptimFixture.Load(optimizer).Cases[caseIndex];
        OptimizerCase c = OptimizerCase.Named(optimizer);
        var replay = new Replay(c, fixture);
        int checkpoint = 0;
        for (int step = 1; checkpoint < fixture.Checkpoints.Length; step++)
        {
            replay.Step(step);
            FixtureCheckpoint expected = fixture.Checkpoints[checkpoint];
            if (expected.Step != step)
            {
                continue;
            }
            checkpoint++;
            string at = $"{fixture.Name}, step {step}";
            for (int i = 0; i < replay.Params.Length; i++)
            {
                Close.Tensors(expected.Params[i].Data, replay.Params[i].AsReadOnlySpan(), $"{at}: param {i}", c.FixtureTolerance.Rel, c.FixtureTolerance.Abs);
            }
            OptimizerStateDict actual = replay.Optimizer.StateDict();
            Assert.True(expected.State.Keys.Order().SequenceEqual(actual.State.Keys.Order()),
                $"{at}: state for params [{string.Join(",", expected.State.Keys)}] expected, got [{string.Join(",", actual.State.Keys)}]");
            foreach ((int index, Dictionary<string, FixtureTensor> entries) in expected.State)
            {
                IReadOnlyDictionary<string, object> ours = actual.State[index];
                Assert.True(entries.Keys.Order().SequenceEqual(ours.Keys.Order()),
                    $"{at}: state {index} keys expected [{string.Join(",", entries.Keys)}], got [{string.Join(",", ours.Keys)}]");
                foreach ((string key, FixtureTensor value) in entries)
                {
                    var tensor = Assert.IsAssignableFrom<Tensor>(ours[key]);
                    Assert.Equal(value.Shape, tensor.Shape.ToArray());
                    Close.Tensors(value.Data, tensor.AsReadOnlySpan(), $"{at}: state {index} '{key}'", c.FixtureTolerance.Rel, c.FixtureTolerance.Abs);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ReplayableConfigs))]
    public void FastPathEqualsScalarReference(string optimizer, int configIndex)
    {
        OptimizerCase c = OptimizerCase.Named(optimizer);
        Dictionary<string, object?> config = c.ValidConfigs[configIndex];
        // Lengths 0..257 (every SIMD remainder, and an empty parameter), plus a frozen parameter.
        Parameter[] Make() => Enumerable.Range(0, 258)
            .Select(n => new Parameter(Tensor.Randn(c.Shaped(n), new Generator((ulong)n + 1))))
            .Append(new Parameter(Tensor.Ones(c.Shaped(5)), requiresGrad: false))
            .ToArray();
        Parameter[] fast = Make();
        Parameter[] reference = Make();
        Optimizer fastOpt = c.Create(fast, config);
        Optimizer referenceOpt = c.Create(reference, config);
        referenceOpt.UseReference = true;

        var generator = new Generator(99);
        for (int step = 1; step <= 7; step++)
        {
            for (int i = 0; i < fast.Length - 1; i++)
            {
                // Parameter 7 has no gradient at step 3: it must be skipped, and its state left alone.
                Tensor? grad = step == 3 && i == 7 ? null : Tensor.Randn([.. fast[i].Shape], generator);
                fast[i].Grad = grad;
                reference[i].Grad = grad?.Detach().Clone();
            }
            fastOpt.Step();
            referenceOpt.Step();
        }
        for (int i = 0; i < fast.Length; i++)
        {
            Close.Bitwise(reference[i].AsReadOnlySpan(), fast[i].AsReadOnlySpan(), $"param of length {fast[i].NumElements}");
        }
        Assert.Equal(new float[] { 1, 1, 1, 1, 1 }, fast[^1].ToArray());
        Close.StateDicts(referenceOpt.StateDict(), fastOpt.StateDict());
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void DescendsAndClimbsUnderMaximize(string optimizer)
    {
        OptimizerCase c = OptimizerCase.Named(optimizer);
        Assert.True(LossAfter(c, maximize: false) < LossAfter(c, steps: 0), "loss did not go down");
        if (c.HasMaximize)
        {
            Assert.True(LossAfter(c, maximize: true) > LossAfter(c, steps: 0), "loss did not go up under maximize");
        }
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void DefaultsEqualPyTorch(string optimizer)
    {
        OptimizerCase c = OptimizerCase.Named(optimizer);
        OptimFixture fixture = OptimFixture.Load(optimizer);
        Optimizer opt = c.Create([new ParamGroup([new Parameter(Tensor.Zeros(c.Shaped(1)))])]);
        IReadOnlyDictionary<string, object?> ours = opt.ParamGroups[0].ToDictionary();
        Assert.Equal(fixture.Defaults.Keys.Order(), ours.Keys.Order());
        foreach ((string key, object? value) in fixture.Defaults)
        {
            Assert.True(Equals(Normalize(value), Normalize(ours[key])), $"{optimizer} default '{key}': PyTorch {value}, Descent {ours[key]}");
        }
    }

    [Theory]
    [MemberData(nameof(IndependentGroupOptimizers))]
    public void ParamGroupsWithDifferentHyperparametersEqualSeparateOptimizers(string optimizer)
    {
        OptimizerCase c = OptimizerCase.Named(optimizer);
        Dictionary<string, object?> first = c.ValidConfigs[0];
        Dictionary<string, object?> second = c.ValidConfigs[^1];
        Parameter[] a = [new(Tensor.Randn(c.Shaped(6), new Generator(1))), new(Tensor.Randn(c.Shaped(3, 2), new Generator(2)))];
        Parameter[] b = a.Select(p => new Parameter(p.Detach().Clone())).ToArray();
        var g1 = new ParamGroup([a[0]]);
        var g2 = new ParamGroup([a[1]]);
        foreach ((string k, object? v) in first)
        {
            g1[k] = v;
        }
        foreach ((string k, object? v) in second)
        {
            g2[k] = v;
        }
        Optimizer grouped = c.Create([g1, g2]);
        Optimizer[] separate = [c.Create([b[0]], first), c.Create([b[1]], second)];
        var generator = new Generator(5);
        for (int step = 0; step < 10; step++)
        {
            for (int i = 0; i < 2; i++)
            {
                Tensor grad = Tensor.Randn([.. a[i].Shape], generator);
                a[i].Grad = grad;
                b[i].Grad = grad.Detach().Clone();
            }
            grouped.Step();
            separate[0].Step();
            separate[1].Step();
        }
        for (int i = 0; i < 2; i++)
        {
            Close.Bitwise(b[i].AsReadOnlySpan(), a[i].AsReadOnlySpan(), $"param {i}");
        }
    }

    [Theory]
    [MemberData(nameof(ValidConfigs))]
    public void StateDictRoundTripContinuesInLockstep(string optimizer, int configIndex)
    {
        OptimizerCase c = OptimizerCase.Named(optimizer);
        Dictionary<string, object?> config = c.ValidConfigs[configIndex];
        Parameter[] a = [new(Tensor.Randn(c.Shaped(7), new Generator(3))), new(Tensor.Randn(c.Shaped(2, 3), new Generator(4)))];
        Optimizer source = c.Create(a, config);
        var generator = new Generator(8);
        void Feed(Parameter[] ps, Generator g)
        {
            foreach (Parameter p in ps)
            {
                p.Grad = Tensor.Randn([.. p.Shape], g);
            }
        }
        for (int step = 0; step < 20; step++)
        {
            c.Step(source, a, () => Feed(a, generator));
        }

        Parameter[] b = a.Select(p => new Parameter(p.Detach().Clone())).ToArray();
        Optimizer target = c.Create(b, new Dictionary<string, object?>());
        OptimizerStateDict saved = source.StateDict();
        target.LoadStateDict(saved);
        Close.StateDicts(saved, target.StateDict());

        var gb = new Generator(0);
        gb.SetState(generator.GetState());
        for (int step = 0; step < 20; step++)
        {
            c.Step(source, a, () => Feed(a, generator));
            c.Step(target, b, () => Feed(b, gb));
        }
        for (int i = 0; i < a.Length; i++)
        {
            Close.Bitwise(a[i].AsReadOnlySpan(), b[i].AsReadOnlySpan(), $"param {i}");
        }
        Close.StateDicts(source.StateDict(), target.StateDict());
        // The loaded state was copied: stepping the target never changed the dict it came from.
        Close.StateDicts(saved, saved with { });
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void AMismatchedStateDictThrowsAndLeavesTheTargetAsItWas(string optimizer)
    {
        OptimizerCase c = OptimizerCase.Named(optimizer);
        Parameter[] a = [new(Tensor.Randn(c.Shaped(4), new Generator(3))), new(Tensor.Randn(c.Shaped(2, 2), new Generator(4)))];
        Optimizer target = c.Create(a, c.ValidConfigs[^1]);
        c.Step(target, a, () => Ones(a));
        OptimizerStateDict before = target.StateDict();

        Parameter[] other = [new(Tensor.Zeros(c.Shaped(5))), new(Tensor.Zeros(c.Shaped(2, 2)))];
        Optimizer wrongShape = c.Create(other, c.ValidConfigs[^1]);
        c.Step(wrongShape, other, () => Ones(other));
        OptimizerStateDict wrongShapeDict = wrongShape.StateDict();

        OptimizerStateDict[] bad =
        [
            before with { OptimizerType = optimizer == "SGD" ? "Adam" : "SGD" },
            before with { ParamGroups = [.. before.ParamGroups, before.ParamGroups[0]] },
            before with { ParamGroups = [before.ParamGroups[0] with { Params = [0] }] },
            wrongShapeDict,
            before with
            {
                ParamGroups = [before.ParamGroups[0] with
                {
                    Hyperparameters = before.ParamGroups[0].Hyperparameters.ToDictionary(kv => kv.Key, kv => kv.Key == "lr" ? (object?)-1.0 : kv.Value),
                }],
            },
        ];
        foreach (OptimizerStateDict dict in bad)
        {
            if (dict.State.Count == 0 && ReferenceEquals(dict, wrongShapeDict))
            {
                continue; // an optimizer without per-parameter state has no shape to get wrong
            }
            Assert.Throws<ArgumentException>(() => target.LoadStateDict(dict));
            Close.StateDicts(before, target.StateDict());
        }
    }

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public void InvalidHyperparametersThrowNamingTheParameterAndValue(string optimizer, int index)
    {
        InvalidConfig invalid = OptimizerCase.Named(optimizer).InvalidConfigs[index];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => invalid.Create([new Parameter(Tensor.Zeros(OptimizerCase.Named(optimizer).Shaped(2)))]));
        Assert.Equal(invalid.ParamName, e.ParamName);
        Assert.Contains(invalid.ValueText, e.Message);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void TheFixtureCoversFourConfigurationsOnTwoProblemsForAHundredSteps(string optimizer)
    {
        OptimFixture fixture = OptimFixture.Load(optimizer);
        Assert.True(fixture.Cases.Select(c => c.Name.Split(" on ")[0]).Distinct().Count() >= 4, "fewer than 4 configurations");
        Assert.True(fixture.Cases.Select(c => c.Problem).Distinct().Count() >= 2, "fewer than 2 problems");
        if (OptimizerCase.Named(optimizer).NoGradientReplay is null)
        {
            Assert.All(fixture.Cases, c => Assert.True(c.Grads.Length >= 100, $"{c.Name}: {c.Grads.Length} steps"));
        }
    }

    private static void Ones(Parameter[] parameters)
    {
        foreach (Parameter p in parameters)
        {
            p.Grad = Tensor.Ones([.. p.Shape]);
        }
    }

    private static object? Normalize(object? value) => value switch
    {
        int i => (double)i,
        double[] list => string.Join(",", list),
        _ => value,
    };

    /// <summary>Mean squared error of a least-squares problem after some steps of the optimizer.</summary>
    private static double LossAfter(OptimizerCase c, bool maximize = false, int steps = 5)
    {
        Tensor x = Tensor.Randn([16, 3], new Generator(21));
        Tensor y = x.MatMul(Tensor.FromArray([1f, -2f, 0.5f])) + 0.3f;
        var w = new Parameter(Tensor.Zeros(c.Shaped(3)));
        var overrides = new Dictionary<string, object?> { ["lr"] = c.DescentLr };
        if (maximize)
        {
            overrides["maximize"] = true;
        }
        Optimizer opt = c.Create([w], overrides);
        Tensor Loss() => (x.MatMul(w.Reshape(3)) - y).Square().Mean();
        for (int i = 0; i < steps; i++)
        {
            opt.Step(() =>
            {
                opt.ZeroGrad();
                Tensor loss = Loss();
                loss.Backward();
                return loss;
            });
        }
        using (Autograd.NoGrad())
        {
            return Loss().Item();
        }
    }
}
