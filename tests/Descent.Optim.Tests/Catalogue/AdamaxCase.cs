namespace Descent.Optim.Tests.Catalogue;

public sealed class AdamaxCase : OptimizerCase
{
    public override string Name => "Adamax";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new Adamax(groups);

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.01, ["betas"] = (0.5, 0.99), ["eps"] = 1e-6, ["weight_decay"] = 0.1 },
        new() { ["lr"] = 0.01, ["weight_decay"] = 0.05, ["maximize"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new Adamax(p, lr: -2e-3), "lr", "-0.002"),
        new("negative eps", p => new Adamax(p, eps: -1e-8), "eps", "-1e-08"),
        new("beta1 = 1", p => new Adamax(p, betas: (1.0, 0.999)), "betas", "index 0: 1"),
        new("negative beta2", p => new Adamax(p, betas: (0.9, -0.1)), "betas", "index 1: -0.1"),
        new("negative weight decay", p => new Adamax(p, weightDecay: -0.01), "weight_decay", "-0.01"),
    ];
}
