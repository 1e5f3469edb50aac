namespace Descent.Optim.Tests.Catalogue;

/// <remarks>
/// Rprop decides on the sign of g·g_prev, so a float32 rounding difference in a product near zero would change the
/// update. The battery replays PyTorch's own gradients, so every product is the same float32 number as in PyTorch,
/// and Γ·η± and the clamp round identically; the fixture's cases met no product smaller than 6e-14 in magnitude
/// (rprop.py prints the smallest), far from where float32 products underflow to zero.
/// </remarks>
public sealed class RpropCase : OptimizerCase
{
    public override string Name => "Rprop";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new Rprop(groups);

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.05, ["etas"] = (0.3, 1.5), ["step_sizes"] = (1e-3, 0.1) },
        new() { ["lr"] = 0.02, ["step_sizes"] = (0.01, 0.03), ["maximize"] = true },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new Rprop(p, lr: -0.01), "lr", "-0.01"),
        new("etaminus = 0", p => new Rprop(p, etas: (0.0, 1.2)), "etas", "Invalid eta values: 0.0, 1.2"),
        new("etaminus = 1", p => new Rprop(p, etas: (1.0, 1.2)), "etas", "Invalid eta values: 1.0, 1.2"),
        new("etaplus = 1", p => new Rprop(p, etas: (0.5, 1.0)), "etas", "Invalid eta values: 0.5, 1.0"),
        new("etaplus below 1", p => new Rprop(p, etas: (0.5, 0.9)), "etas", "0.5, 0.9"),
    ];
}
