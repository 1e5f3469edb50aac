namespace Descent.Optim.Tests.Catalogue;

public sealed class AdafactorCase : OptimizerCase
{
    public override string Name => "Adafactor";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new Adafactor(groups);

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.05, ["beta2_decay"] = -0.5, ["d"] = 2.0, ["eps"] = ((double?)1e-6, 1e-2), ["weight_decay"] = 0.1 },
        new() { ["lr"] = 0.02, ["eps"] = ((double?)null, 1e-3), ["weight_decay"] = 0.05, ["maximize"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new Adafactor(p, lr: -0.01), "lr", "Learning rate should be >= 0 but is: -0.01"),
        new("positive beta2_decay", p => new Adafactor(p, beta2Decay: 0.5), "beta2_decay", "beta2_decay should be <= 0 but is: 0.5"),
        new("negative eps1", p => new Adafactor(p, eps: (-1e-3, 1e-3)), "eps", "epsilon1 should be >= 0 but is: -0.001"),
        new("negative eps2", p => new Adafactor(p, eps: (null, -1e-3)), "eps", "epsilon2 should be >= 0 but is: -0.001"),
        new("d below 1", p => new Adafactor(p, d: 0.5), "d", "Clipping threshold d should be >= 1 but is: 0.5"),
        new("negative weight decay", p => new Adafactor(p, weightDecay: -0.1), "weight_decay", "weight_decay should be >= 0 but is: -0.1"),
    ];
}
