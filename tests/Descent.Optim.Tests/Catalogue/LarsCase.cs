namespace Descent.Optim.Tests.Catalogue;

public sealed class LarsCase : OptimizerCase
{
    public override string Name => "Lars";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new Lars(groups);

    public override bool HasMaximize => false;

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.5, ["trust_coefficient"] = 0.01, ["eps"] = 1e-3, ["momentum"] = 0.8, ["trust_ratio_mask"] = false },
        new() { ["lr"] = 0.2, ["weight_decay"] = 0.01, ["nesterov"] = true, ["weight_decay_mask"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new Lars(p, lr: -0.1), "lr", "-0.1"),
        new("negative weight decay", p => new Lars(p, weightDecay: -0.1), "weight_decay", "-0.1"),
        new("negative trust coefficient", p => new Lars(p, trustCoefficient: -1e-3), "trust_coefficient", "-0.001"),
        new("negative eps", p => new Lars(p, eps: -1.0), "eps", "-1.0"),
        new("negative momentum", p => new Lars(p, momentum: -0.9), "momentum", "-0.9"),
    ];
}
