namespace Descent.Optim.Tests.Catalogue;

public sealed class LambCase : OptimizerCase
{
    public override string Name => "Lamb";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new Lamb(groups);

    public override bool HasMaximize => false;

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.01, ["b1"] = 0.8, ["b2"] = 0.99, ["eps"] = 1e-8, ["eps_root"] = 1e-10 },
        new() { ["lr"] = 0.01, ["weight_decay"] = 0.1, ["mask"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new Lamb(p, lr: -1e-3), "lr", "-0.001"),
        new("b1 = 1", p => new Lamb(p, b1: 1.0), "b1", "1.0"),
        new("negative b2", p => new Lamb(p, b2: -0.1), "b2", "-0.1"),
        new("negative eps", p => new Lamb(p, eps: -1e-6), "eps", "-1e-06"),
        new("negative eps_root", p => new Lamb(p, epsRoot: -1e-6), "eps_root", "-1e-06"),
        new("negative weight decay", p => new Lamb(p, weightDecay: -0.1), "weight_decay", "-0.1"),
    ];
}
