namespace Descent.Optim.Tests.Catalogue;

public sealed class AdagradCase : OptimizerCase
{
    public override string Name => "Adagrad";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new Adagrad(groups);

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.1, ["lr_decay"] = 0.01, ["weight_decay"] = 0.1, ["initial_accumulator_value"] = 0.1, ["eps"] = 1e-8 },
        new() { ["lr"] = 0.05, ["initial_accumulator_value"] = 0.5, ["maximize"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new Adagrad(p, lr: -0.01), "lr", "-0.01"),
        new("negative lr decay", p => new Adagrad(p, lrDecay: -0.1), "lr_decay", "-0.1"),
        new("negative weight decay", p => new Adagrad(p, weightDecay: -0.01), "weight_decay", "-0.01"),
        new("negative initial accumulator", p => new Adagrad(p, initialAccumulatorValue: -1), "initial_accumulator_value", "-1.0"),
        new("negative eps", p => new Adagrad(p, eps: -1e-10), "eps", "-1e-10"),
    ];
}
