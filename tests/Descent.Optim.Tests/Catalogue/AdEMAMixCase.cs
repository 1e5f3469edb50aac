namespace Descent.Optim.Tests.Catalogue;

public sealed class AdEMAMixCase : OptimizerCase
{
    public override string Name => "AdEMAMix";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new AdEMAMix(groups);

    public override bool HasMaximize => false;

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.01, ["betas"] = (0.8, 0.99, 0.999), ["alpha"] = 5.0, ["eps"] = 1e-6, ["weight_decay"] = 0.1 },
        new() { ["lr"] = 0.01, ["betas"] = new[] { 0.0, 0.999, 0.99 }, ["beta3_warmup"] = 3, ["alpha_warmup"] = 5 },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new AdEMAMix(p, lr: -1e-3), "lr", "-0.001"),
        new("negative eps", p => new AdEMAMix(p, eps: -1e-8), "eps", "Invalid epsilon value: -1e-08"),
        new("beta1 = 1", p => new AdEMAMix(p, betas: (1.0, 0.999, 0.9999)), "betas", "index 0: 1"),
        new("beta3 = 1", p => new AdEMAMix(p, betas: (0.9, 0.999, 1.0)), "betas", "index 2: 1"),
        new("negative weight decay", p => new AdEMAMix(p, weightDecay: -0.01), "weight_decay", "-0.01"),
        new("negative alpha", p => new AdEMAMix(p, alpha: -1.0), "alpha", "Invalid alpha value: -1"),
    ];
}
