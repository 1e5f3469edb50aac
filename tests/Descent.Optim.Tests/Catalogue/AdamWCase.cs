namespace Descent.Optim.Tests.Catalogue;

public sealed class AdamWCase : OptimizerCase
{
    public override string Name => "AdamW";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new AdamW(groups);

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.01, ["weight_decay"] = 0.5, ["amsgrad"] = true, ["betas"] = (0.9, 0.95) },
        new() { ["lr"] = 0.01, ["maximize"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new AdamW(p, lr: -1e-3), "lr", "-0.001"),
        new("beta1 above 1", p => new AdamW(p, betas: (1.5, 0.999)), "betas", "index 0: 1.5"),
        new("negative weight decay", p => new AdamW(p, weightDecay: -0.01), "weight_decay", "-0.01"),
    ];
}
