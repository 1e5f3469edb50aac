namespace Descent.Optim.Tests.Catalogue;

public sealed class NAdamCase : OptimizerCase
{
    public override string Name => "NAdam";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new NAdam(groups);

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.01, ["betas"] = (0.5, 0.99), ["eps"] = 1e-6, ["weight_decay"] = 0.1, ["momentum_decay"] = 0.01 },
        new() { ["lr"] = 0.01, ["weight_decay"] = 0.1, ["decoupled_weight_decay"] = true, ["maximize"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new NAdam(p, lr: -2e-3), "lr", "-0.002"),
        new("negative eps", p => new NAdam(p, eps: -1e-8), "eps", "-1e-08"),
        new("beta1 = 1", p => new NAdam(p, betas: (1.0, 0.999)), "betas", "index 0: 1"),
        new("beta2 above 1", p => new NAdam(p, betas: (0.9, 1.5)), "betas", "index 1: 1.5"),
        new("negative weight decay", p => new NAdam(p, weightDecay: -0.01), "weight_decay", "-0.01"),
        new("negative momentum decay", p => new NAdam(p, momentumDecay: -4e-3), "momentum_decay", "-0.004"),
    ];
}
