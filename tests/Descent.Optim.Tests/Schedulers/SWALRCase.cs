using static Descent.Optim.Tests.Schedulers.DeclaredDefaults;
using static Descent.Optim.Tests.Schedulers.FixtureOptions;

namespace Descent.Optim.Tests.Schedulers;

public sealed class SWALRCase : SchedulerCase
{
    public override string Name => "SWALR";

    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) => new SWALR(
        optimizer,
        Groups(o, "swa_lr")!.Value,
        I(o, "anneal_epochs", Of<int>(typeof(SWALR), "annealEpochs")),
        Enum(o, "anneal_strategy", Of<AnnealStrategy>(typeof(SWALR), "annealStrategy")));

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("swa_lr list of the wrong length", o => new SWALR(o, new[] { 0.01, 0.02 }), "swaLr"),
        new("negative swa_lr", o => new SWALR(o, -0.01), "swaLr"),
        new("NaN swa_lr", o => new SWALR(o, double.NaN), "swaLr"),
        new("negative anneal_epochs", o => new SWALR(o, 0.01, annealEpochs: -1), "annealEpochs"),
        new("unknown anneal_strategy", o => new SWALR(o, 0.01, annealStrategy: (AnnealStrategy)7), "annealStrategy"),
        new("resuming without initial_lr", o => new SWALR(o, 0.01, lastEpoch: 4), "lastEpoch"),
    ];
}
