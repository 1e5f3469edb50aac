namespace Descent.Optim.Tests.Catalogue;

public sealed class AdadeltaCase : OptimizerCase
{
    public override string Name => "Adadelta";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new Adadelta(groups);

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.5, ["rho"] = 0.95, ["eps"] = 1e-5, ["weight_decay"] = 0.1 },
        // rho = 1 is allowed (PyTorch's range is closed): the averages then never move.
        new() { ["lr"] = 0.1, ["rho"] = 1.0, ["maximize"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new Adadelta(p, lr: -1.0), "lr", "-1.0"),
        new("negative rho", p => new Adadelta(p, rho: -0.1), "rho", "-0.1"),
        new("rho above 1", p => new Adadelta(p, rho: 1.5), "rho", "1.5"),
        new("negative eps", p => new Adadelta(p, eps: -1e-6), "eps", "-1e-06"),
        new("negative weight decay", p => new Adadelta(p, weightDecay: -0.01), "weight_decay", "-0.01"),
    ];

    // Adadelta's steps are √ε-sized at first; at its default lr a few steps visibly move the loss.
    public override double DescentLr => 1.0;
}
