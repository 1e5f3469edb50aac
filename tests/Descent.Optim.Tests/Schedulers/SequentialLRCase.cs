using static Descent.Optim.Tests.Schedulers.FixtureLists;

namespace Descent.Optim.Tests.Schedulers;

public sealed class SequentialLRCase : SchedulerCase
{
    public override string Name => "SequentialLR";

    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) =>
        new SequentialLR(optimizer, Nested(optimizer, o, "schedulers"), Ints(o, "milestones"));

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("no schedulers", o => new SequentialLR(o, [], []), "schedulers"),
        new("as many milestones as schedulers",
            o => new SequentialLR(o, [new ConstantLR(o), new ExponentialLR(o, 0.9)], [5, 10]), "milestones"),
        new("no milestone for two schedulers",
            o => new SequentialLR(o, [new ConstantLR(o), new ExponentialLR(o, 0.9)], []), "milestones"),
        new("a scheduler on another optimizer",
            o => new SequentialLR(o, [new ConstantLR(o), new ExponentialLR(AnyOptimizer(), 0.9)], [5]), "schedulers"),
        new("ReduceLROnPlateau, which steps on a metric",
            o => new SequentialLR(o, [new ConstantLR(o), new ReduceLROnPlateau(o)], [5]), "schedulers"),
    ];
}
