namespace Descent.Optim.Tests.Schedulers;

public sealed class StepLRCase : SchedulerCase
{
    public override string Name => "StepLR";

    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) =>
        new StepLR(optimizer, I(o, "step_size", 0), D(o, "gamma", 0.1));

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("zero step size", o => new StepLR(o, 0), "stepSize"),
        new("negative step size", o => new StepLR(o, -3), "stepSize"),
    ];
}
