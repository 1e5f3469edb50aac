using static Descent.Optim.Tests.Schedulers.DeclaredDefaults;
using static Descent.Optim.Tests.Schedulers.FixtureLists;

namespace Descent.Optim.Tests.Schedulers;

public sealed class MultiStepLRCase : SchedulerCase
{
    public override string Name => "MultiStepLR";

    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) =>
        new MultiStepLR(optimizer, Ints(o, "milestones"), D(o, "gamma", Of<double>(typeof(MultiStepLR), "gamma")));

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("decreasing milestones", o => new MultiStepLR(o, [30, 10]), "milestones"),
        new("repeated milestone", o => new MultiStepLR(o, [10, 30, 30]), "milestones"),
        new("no milestones list", o => new MultiStepLR(o, null!), "milestones"),
    ];
}
