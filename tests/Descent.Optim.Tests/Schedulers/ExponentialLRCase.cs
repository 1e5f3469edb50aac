namespace Descent.Optim.Tests.Schedulers;

public sealed class ExponentialLRCase : SchedulerCase
{
    public override string Name => "ExponentialLR";

    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) =>
        new ExponentialLR(optimizer, D(o, "gamma", double.NaN));

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("resuming without initial_lr", o => new ExponentialLR(o, 0.9, lastEpoch: 5), "lastEpoch"),
    ];
}
