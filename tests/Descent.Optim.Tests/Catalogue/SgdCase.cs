namespace Descent.Optim.Tests.Catalogue;

public sealed class SgdCase : OptimizerCase
{
    public override string Name => "SGD";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new SGD(groups);

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new() { ["lr"] = 0.1 },
        new() { ["lr"] = 0.1, ["momentum"] = 0.9, ["dampening"] = 0.2, ["weight_decay"] = 0.01 },
        new() { ["lr"] = 0.05, ["momentum"] = 0.8, ["nesterov"] = true, ["maximize"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new SGD(p, lr: -0.1), "lr", "-0.1"),
        new("negative momentum", p => new SGD(p, momentum: -0.5), "momentum", "-0.5"),
        new("negative weight decay", p => new SGD(p, weightDecay: -1e-4), "weight_decay", "-0.0001"),
        new("nesterov without momentum", p => new SGD(p, nesterov: true), "nesterov", "momentum = 0"),
        new("nesterov with dampening", p => new SGD(p, momentum: 0.9, dampening: 0.1, nesterov: true), "nesterov", "dampening = 0.1"),
    ];
}
