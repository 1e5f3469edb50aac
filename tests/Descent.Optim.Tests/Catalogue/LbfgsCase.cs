namespace Descent.Optim.Tests.Catalogue;

public sealed class LbfgsCase : OptimizerCase
{
    public override string Name => "LBFGS";

    public override Optimizer Create(IEnumerable<ParamGroup> groups) => new LBFGS(groups);

    public override IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; } =
    [
        new() { ["max_iter"] = 2, ["lr"] = 0.5 },
        new() { ["lr"] = 0.2, ["max_iter"] = 3, ["history_size"] = 2, ["tolerance_change"] = 1e-12 },
        new() { ["line_search_fn"] = "strong_wolfe", ["max_iter"] = 3, ["max_eval"] = 4, ["history_size"] = 3 },
    ];

    public override IReadOnlyList<InvalidConfig> InvalidConfigs { get; } =
    [
        new("negative lr", p => new LBFGS(p, lr: -1), "lr", "-1.0"),
        new("history size 0", p => new LBFGS(p, historySize: 0), "history_size", "0"),
        new("unknown line search", p => new LBFGS(p, lineSearchFn: "backtracking"), "line_search_fn", "'backtracking'"),
    ];

    public override bool HasMaximize => false;

    public override double DescentLr => 1;

    public override string NoGradientReplay =>
        "LBFGS evaluates the loss several times per step, at points it chooses, so recorded gradients cannot drive it; " +
        "LbfgsTests runs it on the fixture's problems instead. It also has no per-parameter kernel and one param group only.";

    /// <summary>
    /// Steps on a loss of the parameters' own instead of the battery's random gradients, which LBFGS could not use:
    /// a Rosenbrock chain over each parameter's elements, so every step runs several iterations and fills the history.
    /// </summary>
    public override void Step(Optimizer optimizer, IReadOnlyList<Parameter> parameters, Action setGradients) =>
        optimizer.Step(() =>
        {
            optimizer.ZeroGrad();
            Tensor loss = Tensor.Scalar(0f);
            foreach (Parameter p in parameters)
            {
                Tensor x = p.Flatten();
                int n = x.NumElements;
                loss = loss + (1f - x).Square().Sum() + 10f * (x.Narrow(0, 1, n - 1) - x.Narrow(0, 0, n - 1).Square()).Square().Sum();
            }
            loss.Backward();
            return loss;
        });
}
