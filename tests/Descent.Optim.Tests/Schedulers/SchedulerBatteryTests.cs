using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests.Schedulers;

/// <summary>One battery over the whole catalogue of schedulers.</summary>
public sealed class SchedulerBatteryTests
{
    public static TheoryData<string> Schedulers() => new(SchedulerCase.All.Select(c => c.Name));

    public static TheoryData<string, int> FixtureCases()
    {
        var data = new TheoryData<string, int>();
        foreach (SchedulerCase c in SchedulerCase.All)
        {
            for (int i = 0; i < SchedulerFixture.Load(c.Name).Cases.Length; i++)
            {
                data.Add(c.Name, i);
            }
        }
        return data;
    }

    public static TheoryData<string, int> InvalidConfigs()
    {
        var data = new TheoryData<string, int>();
        foreach (SchedulerCase c in SchedulerCase.All)
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
    public void LearningRatesAndMomentaMatchPyTorch(string scheduler, int caseIndex)
    {
        SchedulerCase c = SchedulerCase.Named(scheduler);
        SchedulerFixtureCase fixture = SchedulerFixture.Load(scheduler).Cases[caseIndex];
        Optimizer optimizer = BuildOptimizer(fixture);
        LRScheduler s = c.Create(optimizer, fixture.Options);
        for (int step = 0; step <= fixture.Steps; step++)
        {
            if (step > 0)
            {
                optimizer.Step();
                c.Step(s, fixture.Metrics?[step - 1]);
            }
            for (int g = 0; g < fixture.GroupLrs.Length; g++)
            {
                AssertClose(fixture.Lrs[step][g], optimizer.ParamGroups[g].Lr, $"{fixture.Name}: lr of group {g} at step {step}");
                if (fixture.Momenta?[step][g] is double momentum)
                {
                    AssertClose(momentum, Momentum(optimizer.ParamGroups[g]), $"{fixture.Name}: momentum of group {g} at step {step}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void ASchedulerSavedMidRunAndLoadedFreshContinuesIdentically(string scheduler, int caseIndex)
    {
        SchedulerCase c = SchedulerCase.Named(scheduler);
        SchedulerFixtureCase fixture = SchedulerFixture.Load(scheduler).Cases[caseIndex];
        int split = fixture.Steps / 3;

        Optimizer optimizer = BuildOptimizer(fixture);
        LRScheduler s = c.Create(optimizer, fixture.Options);
        for (int step = 1; step <= split; step++)
        {
            optimizer.Step();
            c.Step(s, fixture.Metrics?[step - 1]);
        }
        OptimizerStateDict optimizerState = optimizer.StateDict();
        SchedulerStateDict schedulerState = s.StateDict();

        Optimizer resumedOptimizer = BuildOptimizer(fixture);
        LRScheduler resumed = c.Create(resumedOptimizer, fixture.Options);
        resumedOptimizer.LoadStateDict(optimizerState);
        resumed.LoadStateDict(schedulerState);

        for (int step = split + 1; step <= fixture.Steps; step++)
        {
            optimizer.Step();
            resumedOptimizer.Step();
            c.Step(s, fixture.Metrics?[step - 1]);
            c.Step(resumed, fixture.Metrics?[step - 1]);
            for (int g = 0; g < fixture.GroupLrs.Length; g++)
            {
                Assert.Equal(optimizer.ParamGroups[g].Lr, resumedOptimizer.ParamGroups[g].Lr);
                Assert.Equal(Momentum(optimizer.ParamGroups[g]), Momentum(resumedOptimizer.ParamGroups[g]));
            }
            Assert.Equal(s.GetLastLr(), resumed.GetLastLr());
        }
    }

    [Theory]
    [MemberData(nameof(Schedulers))]
    public void AStateDictOfAnotherSchedulerIsRefusedAndChangesNothing(string scheduler)
    {
        SchedulerCase c = SchedulerCase.Named(scheduler);
        SchedulerFixtureCase fixture = SchedulerFixture.Load(scheduler).Cases[0];
        LRScheduler s = c.Create(BuildOptimizer(fixture), fixture.Options);
        string before = s.StateDict().ToString();
        SchedulerStateDict good = s.StateDict();

        SchedulerStateDict[] bad =
        [
            good with { SchedulerType = "NoSuchLR" },
            good with { Fields = good.Fields.Where((kv, i) => i != 0).ToDictionary() },
            good with { Fields = good.Fields.Append(new("unexpected", 1.0)).ToDictionary() },
            good with { Fields = good.Fields.ToDictionary(kv => kv.Key, kv => kv.Key == "last_epoch" ? (object?)"seven" : kv.Value) },
        ];
        foreach (SchedulerStateDict dict in bad)
        {
            Assert.ThrowsAny<ArgumentException>(() => s.LoadStateDict(dict));
            Assert.Equal(before, s.StateDict().ToString());
        }
    }

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public void InvalidConfigurationsAreRefusedAtConstruction(string scheduler, int index)
    {
        InvalidSchedulerConfig invalid = SchedulerCase.Named(scheduler).InvalidConfigs[index];
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => invalid.Create(
            new SGD([new ParamGroup([new Parameter(Tensor.Zeros(1))])], lr: 0.1, momentum: 0.9)));
        Assert.Equal(invalid.ParamName, e.ParamName);
    }

    [Theory]
    [MemberData(nameof(Schedulers))]
    public void TheFixtureHasTwoConfigurationsOfThreeHundredSteps(string scheduler)
    {
        SchedulerFixture fixture = SchedulerFixture.Load(scheduler);
        Assert.True(fixture.Cases.Length >= 2, "fewer than 2 configurations");
        Assert.All(fixture.Cases, c => Assert.True(c.Steps >= 300, $"{c.Name}: {c.Steps} steps"));
    }

    internal static Optimizer BuildOptimizer(SchedulerFixtureCase fixture)
    {
        ParamGroup[] groups = fixture.GroupLrs.Select(lr => new ParamGroup([new Parameter(Tensor.Zeros(2))]) { ["lr"] = lr }).ToArray();
        Optimizer optimizer = fixture.Optimizer switch
        {
            "SGD" => new SGD(groups),
            "Adam" => new Adam(groups),
            _ => throw new ArgumentException(fixture.Optimizer),
        };
        foreach ((string key, object? value) in fixture.OptimizerOptions)
        {
            foreach (ParamGroup g in optimizer.ParamGroups)
            {
                g[key] = value;
            }
        }
        return optimizer;
    }

    internal static double? Momentum(ParamGroup group) =>
        group.ContainsKey("momentum") ? (double)group["momentum"]!
        : group.ContainsKey("betas") ? (((double, double))group["betas"]!).Item1
        : null;

    /// <summary>Equal within 1e-9 relative (the learning rates are computed in double on both sides).</summary>
    internal static void AssertClose(double expected, double? actual, string what)
    {
        Assert.True(actual is not null, $"{what}: no value");
        double tolerance = 1e-9 * Math.Max(Math.Abs(expected), Math.Abs(actual!.Value)) + 1e-15;
        Assert.True(Math.Abs(expected - actual.Value) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
