using static Descent.Optim.Tests.Schedulers.DeclaredDefaults;

namespace Descent.Optim.Tests.Schedulers;

public sealed class LinearLRCase : SchedulerCase
{
    public override string Name => "LinearLR";

    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) => new LinearLR(
        optimizer,
        D(o, "start_factor", Of<double>(typeof(LinearLR), "startFactor")),
        D(o, "end_factor", Of<double>(typeof(LinearLR), "endFactor")),
        I(o, "total_iters", Of<int>(typeof(LinearLR), "totalIters")));

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("start factor 0 (current PyTorch; 1.13 allowed it)", o => new LinearLR(o, startFactor: 0), "startFactor"),
        new("start factor above 1", o => new LinearLR(o, startFactor: 1.2), "startFactor"),
        new("negative end factor", o => new LinearLR(o, endFactor: -0.1), "endFactor"),
        new("end factor above 1", o => new LinearLR(o, endFactor: 1.1), "endFactor"),
        new("zero total iters (PyTorch's closed form divides by it)", o => new LinearLR(o, totalIters: 0), "totalIters"),
    ];
}
