using static Descent.Optim.Tests.Schedulers.DeclaredDefaults;

namespace Descent.Optim.Tests.Schedulers;

public sealed class PolynomialLRCase : SchedulerCase
{
    public override string Name => "PolynomialLR";

    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) => new PolynomialLR(
        optimizer,
        I(o, "total_iters", Of<int>(typeof(PolynomialLR), "totalIters")),
        D(o, "power", Of<double>(typeof(PolynomialLR), "power")));

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("zero total iters (PyTorch's closed form divides by it)", o => new PolynomialLR(o, totalIters: 0), "totalIters"),
        new("negative power (PyTorch fails raising 0 to it)", o => new PolynomialLR(o, power: -1), "power"),
    ];
}
