namespace Descent.Optim.Tests.Catalogue;

public sealed class SGDScheduleFreeCase : OptimizerCase
{
    public override string Name => "SGDScheduleFree";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new SGDScheduleFree(groups);

    public override bool HasMaximize => false;

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.05, ["momentum"] = 0.5, ["weight_decay"] = 0.05, ["warmup_steps"] = 3 },
        new() { ["lr"] = 0.02, ["r"] = 2.0, ["weight_lr_power"] = 0.0, ["warmup_steps"] = 2 },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new SGDScheduleFree(p, lr: -0.1), "lr", "Invalid learning rate: -0.1"),
        new("negative weight decay", p => new SGDScheduleFree(p, weightDecay: -0.01), "weight_decay", "Invalid weight_decay value: -0.01"),
        new("momentum = 0", p => new SGDScheduleFree(p, momentum: 0.0), "momentum", "Momentum must be between 0 and 1 exclusive: 0"),
        new("momentum = 1", p => new SGDScheduleFree(p, momentum: 1.0), "momentum", "exclusive: 1"),
    ];
}
