namespace Descent.Optim.Tests.Catalogue;

public sealed class RmsPropCase : OptimizerCase
{
    public override string Name => "RMSprop";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new RMSprop(groups);

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.01, ["alpha"] = 0.9, ["eps"] = 1e-6, ["weight_decay"] = 0.1, ["momentum"] = 0.9, ["centered"] = true },
        // alpha ≤ 0.5 takes lerp's other branch for the running average of g.
        new() { ["lr"] = 0.005, ["alpha"] = 0.3, ["centered"] = true, ["maximize"] = true },
        new() { ["lr"] = 0.005, ["momentum"] = 0.5, ["maximize"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new RMSprop(p, lr: -0.01), "lr", "-0.01"),
        new("negative eps", p => new RMSprop(p, eps: -1e-8), "eps", "-1e-08"),
        new("negative momentum", p => new RMSprop(p, momentum: -0.9), "momentum", "-0.9"),
        new("negative weight decay", p => new RMSprop(p, weightDecay: -0.01), "weight_decay", "-0.01"),
        new("negative alpha", p => new RMSprop(p, alpha: -0.5), "alpha", "-0.5"),
    ];
}
