using static Descent.Optim.Tests.Schedulers.DeclaredDefaults;

namespace Descent.Optim.Tests.Schedulers;

public sealed class CosineAnnealingLRCase : SchedulerCase
{
    public override string Name => "CosineAnnealingLR";

    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) =>
        new CosineAnnealingLR(optimizer, I(o, "T_max", int.MinValue), D(o, "eta_min", Of<double>(typeof(CosineAnnealingLR), "etaMin")));

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("zero T_max (PyTorch divides by it on the first step)", o => new CosineAnnealingLR(o, 0), "tMax"),
        new("negative T_max", o => new CosineAnnealingLR(o, -10), "tMax"),
        new("negative eta_min", o => new CosineAnnealingLR(o, 10, etaMin: -1e-3), "etaMin"),
    ];
}
