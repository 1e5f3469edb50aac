namespace Descent.Optim.Tests.Catalogue;

/// <remarks>
/// Muon takes matrices only, so the battery's vectors become single rows. Its replay is held to 1e-4 rather than
/// 1e-5: Newton–Schulz multiplies a matrix by itself ten times a step, so the last-bit differences between two
/// GEMMs' summation orders (Descent's and the reference's BLAS) grow over 200 steps: at most 5e-7 absolute here,
/// where the reference's own float32 run drifts from its float64 run by up to 4.7e-6 on the same gradients.
/// </remarks>
public sealed class MuonCase : OptimizerCase
{
    public override string Name => "Muon";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new Muon(groups);

    public override int[] Shaped(params int[] shape) => shape.Length == 1 ? [1, shape[0]] : shape;

    public override bool HasMaximize => false;

    public override (double Rel, double Abs) FixtureTolerance => (1e-4, 1e-6);

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new(),
        new() { ["lr"] = 0.02, ["momentum"] = 0.9, ["nesterov"] = false, ["weight_decay"] = 0.0, ["adjust_lr_fn"] = "original" },
        new() { ["lr"] = 0.01, ["adjust_lr_fn"] = "match_rms_adamw", ["ns_coefficients"] = (3.0, -3.2, 1.2), ["ns_steps"] = 3, ["eps"] = 1e-5 },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new Muon(p, lr: -0.01), "lr", "Learning rate should be >= 0 but is: -0.01"),
        new("negative momentum", p => new Muon(p, momentum: -0.5), "momentum", "momentum should be >= 0 but is: -0.5"),
        new("negative weight decay", p => new Muon(p, weightDecay: -0.1), "weight_decay", "weight decay should be >= 0 but is: -0.1"),
        new("unknown adjust_lr_fn", p => new Muon(p, adjustLrFn: "spectral"), "adjust_lr_fn", "Adjust learning rate function spectral is not supported"),
        new("100 steps", p => new Muon(p, nsSteps: 100), "ns_steps", "Number of steps must be less than 100 for computational efficiency"),
        new("two coefficients", p => new Muon(p, nsCoefficients: [3.0, -3.0]), "ns_coefficients", "Coefficients must be a tuple of exactly 3 values"),
    ];
}
