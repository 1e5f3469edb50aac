namespace Descent.Optim.Tests.Catalogue;

public sealed class RAdamCase : OptimizerCase
{
    public override string Name => "RAdam";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new RAdam(groups);

    // The fast-vs-reference check runs 7 steps: with β₂ = 0.999 steps 1–5 are un-rectified (ρₜ ≤ 5) and 6–7
    // rectified; with β₂ = 0.6 every step is un-rectified.
    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.01, ["betas"] = (0.5, 0.6), ["eps"] = 1e-6, ["weight_decay"] = 0.1 },
        new() { ["lr"] = 0.01, ["weight_decay"] = 0.1, ["decoupled_weight_decay"] = true, ["maximize"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new RAdam(p, lr: -1e-3), "lr", "-0.001"),
        new("negative eps", p => new RAdam(p, eps: -1e-8), "eps", "-1e-08"),
        new("negative beta1", p => new RAdam(p, betas: (-0.5, 0.999)), "betas", "index 0: -0.5"),
        new("beta2 = 1", p => new RAdam(p, betas: (0.9, 1.0)), "betas", "index 1: 1"),
        new("negative weight decay", p => new RAdam(p, weightDecay: -0.01), "weight_decay", "-0.01"),
    ];
}
