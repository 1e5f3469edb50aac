using static Descent.Optim.Tests.Schedulers.DeclaredDefaults;

namespace Descent.Optim.Tests.Schedulers;

public sealed class ConstantLRCase : SchedulerCase
{
    public override string Name => "ConstantLR";

    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) => new ConstantLR(
        optimizer,
        D(o, "factor", Of<double>(typeof(ConstantLR), "factor")),
        I(o, "total_iters", Of<int>(typeof(ConstantLR), "totalIters")));

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("factor above 1", o => new ConstantLR(o, factor: 1.5), "factor"),
        new("negative factor", o => new ConstantLR(o, factor: -0.1), "factor"),
        new("NaN factor", o => new ConstantLR(o, factor: double.NaN), "factor"),
    ];
}
