namespace Descent.Optim.Tests.Catalogue;

public sealed class AdamWScheduleFreeCase : OptimizerCase
{
    public override string Name => "AdamWScheduleFree";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new AdamWScheduleFree(groups);

    public override bool HasMaximize => false;

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.01, ["betas"] = (0.8, 0.99), ["eps"] = 1e-6, ["weight_decay"] = 0.1, ["warmup_steps"] = 3, ["r"] = 1.0 },
        new() { ["lr"] = 0.02, ["weight_decay"] = 0.01, ["inner_momentum"] = 0.9, ["weight_lr_power"] = 1.0, ["warmup_steps"] = 2 },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new AdamWScheduleFree(p, lr: -1e-3), "lr", "-0.001"),
        new("negative eps", p => new AdamWScheduleFree(p, eps: -1e-8), "eps", "-1e-08"),
        new("beta1 = 0", p => new AdamWScheduleFree(p, betas: (0.0, 0.999)), "betas", "index 0: 0"),
        new("beta2 = 1", p => new AdamWScheduleFree(p, betas: (0.9, 1.0)), "betas", "index 1: 1"),
        new("negative weight decay", p => new AdamWScheduleFree(p, weightDecay: -0.01), "weight_decay", "-0.01"),
        new("negative warmup", p => new AdamWScheduleFree(p, warmupSteps: -1), "warmup_steps", "-1"),
    ];
}
