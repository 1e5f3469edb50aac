namespace Descent.Optim.Tests.Catalogue;

public sealed class AsgdCase : OptimizerCase
{
    public override string Name => "ASGD";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new ASGD(groups);

    // Small t0 in the later configurations: averaging (μ < 1) starts within the battery's few steps.
    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.05, ["lambd"] = 1e-3, ["alpha"] = 0.5, ["t0"] = 2.0, ["weight_decay"] = 0.01 },
        new() { ["lr"] = 0.02, ["t0"] = 0.0, ["maximize"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new ASGD(p, lr: -0.01), "lr", "-0.01"),
        new("negative weight decay", p => new ASGD(p, weightDecay: -1e-4), "weight_decay", "-0.0001"),
    ];
}
