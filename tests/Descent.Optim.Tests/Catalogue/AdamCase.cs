namespace Descent.Optim.Tests.Catalogue;

public class AdamCase : OptimizerCase
{
    public override string Name => "Adam";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new Adam(groups);

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.01, ["betas"] = (0.8, 0.99), ["eps"] = 1e-6, ["weight_decay"] = 0.1, ["amsgrad"] = true },
        new() { ["lr"] = 0.01, ["weight_decay"] = 0.1, ["decoupled_weight_decay"] = true, ["maximize"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new Adam(p, lr: -1e-3), "lr", "-0.001"),
        new("negative eps", p => new Adam(p, eps: -1e-8), "eps", "-1e-08"),
        new("beta1 = 1", p => new Adam(p, betas: (1.0, 0.999)), "betas", "index 0: 1"),
        new("negative beta2", p => new Adam(p, betas: (0.9, -0.1)), "betas", "index 1: -0.1"),
        new("negative weight decay", p => new Adam(p, weightDecay: -0.01), "weight_decay", "-0.01"),
    ];
}
