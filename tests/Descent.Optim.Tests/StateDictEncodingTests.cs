using Descent.Optim.Serialization;
using Descent.Optim.Tests.Catalogue;
using Descent.Optim.Tests.Schedulers;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests;

/// <summary>State dicts survive their on-disk encoding exactly, for every optimizer and scheduler in the catalogues.</summary>
public sealed class StateDictEncodingTests
{
    public static TheoryData<string> Optimizers() => new(OptimizerCase.All.Select(c => c.Name));

    public static TheoryData<string> Schedulers() => new(SchedulerCase.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void OptimizerStateDictsRoundTripBitForBit(string optimizer)
    {
        OptimizerCase c = OptimizerCase.Named(optimizer);
        Parameter[] ps = [new(Tensor.Randn(c.Shaped(5), new Generator(1))), new(Tensor.Randn(c.Shaped(2, 3), new Generator(2)))];
        Optimizer opt = c.SteppedWithState(ps);
        OptimizerStateDict saved = opt.StateDict();

        (Dictionary<string, Tensor> tensors, string json) = StateDictEncoding.Encode(saved, "opt.");
        OptimizerStateDict loaded = StateDictEncoding.DecodeOptimizer(json, name => tensors.GetValueOrDefault(name));

        Optimizer target = c.Create(ps.Select(p => new Parameter(p.Detach().Clone())), new Dictionary<string, object?>());
        target.LoadStateDict(loaded);
        Close.StateDicts(saved, target.StateDict());
    }

    [Theory]
    [MemberData(nameof(Schedulers))]
    public void SchedulerStateDictsRoundTrip(string scheduler)
    {
        SchedulerCase c = SchedulerCase.Named(scheduler);
        SchedulerFixtureCase fixture = SchedulerFixture.Load(scheduler).Cases[^1];
        Optimizer opt = SchedulerBatteryTests.BuildOptimizer(fixture);
        LRScheduler s = c.Create(opt, fixture.Options);
        for (int step = 1; step <= 25; step++)
        {
            opt.Step();
            c.Step(s, fixture.Metrics?[step - 1]);
        }
        SchedulerStateDict saved = s.StateDict();
        SchedulerStateDict decoded = StateDictEncoding.DecodeScheduler(StateDictEncoding.Encode(saved));

        LRScheduler fresh = c.Create(SchedulerBatteryTests.BuildOptimizer(fixture), fixture.Options);
        fresh.LoadStateDict(decoded);
        Assert.Equal(saved.ToString(), fresh.StateDict().ToString());
    }

    [Fact]
    public void NonFiniteNumbersAndPairsSurvive()
    {
        var dict = new SchedulerStateDict("X", new Dictionary<string, object?>
        {
            ["best"] = double.PositiveInfinity,
            ["worst"] = double.NegativeInfinity,
            ["nan"] = double.NaN,
            ["tiny"] = 5e-324,
            ["third"] = 1.0 / 3,
            ["list"] = new[] { 0.1, 0.2, 0.30000000000000004 },
        });
        SchedulerStateDict back = StateDictEncoding.DecodeScheduler(StateDictEncoding.Encode(dict));
        Assert.Equal(double.PositiveInfinity, back.Fields["best"]);
        Assert.Equal(double.NegativeInfinity, back.Fields["worst"]);
        Assert.True(double.IsNaN((double)back.Fields["nan"]!));
        Assert.Equal(5e-324, back.Fields["tiny"]);
        Assert.Equal(1.0 / 3, back.Fields["third"]);
        Assert.Equal(new[] { 0.1, 0.2, 0.30000000000000004 }, (double[])back.Fields["list"]!);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"type\": \"SGD\"}")]
    [InlineData("{\"type\": \"SGD\", \"param_groups\": [{\"lr\": 0.1}], \"state\": {}}")]
    [InlineData("{\"type\": \"SGD\", \"param_groups\": [{\"params\": [0]}], \"state\": {\"0\": {\"momentum_buffer\": {\"tensor\": \"missing\"}}}}")]
    public void MalformedOptimizerJsonIsAFormatException(string json)
    {
        Assert.Throws<FormatException>(() => StateDictEncoding.DecodeOptimizer(json, _ => null));
    }
}
