namespace Descent.Optim.Tests.Catalogue;

public sealed class AdoptCase : OptimizerCase
{
    public override string Name => "ADOPT";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new ADOPT(groups);

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.01, ["betas"] = (0.8, 0.99), ["eps"] = 1e-4, ["weight_decay"] = 0.1 },
        new() { ["lr"] = 0.01, ["weight_decay"] = 0.1, ["decouple"] = true, ["maximize"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new ADOPT(p, lr: -1e-3), "lr", "Invalid learning rate: -0.001"),
        new("negative eps", p => new ADOPT(p, eps: -1e-6), "eps", "Invalid epsilon value: -1e-06"),
        new("beta1 = 1", p => new ADOPT(p, betas: (1.0, 0.9999)), "betas", "index 0: 1"),
        new("negative beta2", p => new ADOPT(p, betas: (0.9, -0.1)), "betas", "index 1: -0.1"),
        new("negative weight decay", p => new ADOPT(p, weightDecay: -0.01), "weight_decay", "Invalid weight_decay value: -0.01"),
    ];
}
