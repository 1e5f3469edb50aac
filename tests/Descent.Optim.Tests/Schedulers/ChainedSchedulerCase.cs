using static Descent.Optim.Tests.Schedulers.FixtureLists;

namespace Descent.Optim.Tests.Schedulers;

public sealed class ChainedSchedulerCase : SchedulerCase
{
    public override string Name => "ChainedScheduler";

    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) =>
        new ChainedScheduler(Nested(optimizer, o, "schedulers"));

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("no schedulers", o => new ChainedScheduler([]), "schedulers"),
        new("schedulers on two optimizers",
            o => new ChainedScheduler([new ConstantLR(o), new ExponentialLR(AnyOptimizer(), 0.9)]), "schedulers"),
        new("schedulers on another optimizer than the one given",
            o => new ChainedScheduler([new ConstantLR(AnyOptimizer())], o), "schedulers"),
        new("ReduceLROnPlateau, which steps on a metric",
            o => new ChainedScheduler([new ConstantLR(o), new ReduceLROnPlateau(o)]), "schedulers"),
    ];
}
