namespace Descent.Optim.Tests.Catalogue;

public sealed class LionCase : OptimizerCase
{
    public override string Name => "Lion";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new Lion(groups);

    public override bool HasMaximize => false;

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.003, ["betas"] = (0.95, 0.98) },
        new() { ["lr"] = 0.001, ["weight_decay"] = 1.0 },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new Lion(p, lr: -1e-4), "lr", "-0.0001"),
        new("beta1 above 1", p => new Lion(p, betas: (1.5, 0.99)), "betas", "index 0: 1.5"),
        new("negative beta2", p => new Lion(p, betas: (0.9, -0.1)), "betas", "index 1: -0.1"),
        new("negative weight decay", p => new Lion(p, weightDecay: -0.1), "weight_decay", "-0.1"),
    ];
}
