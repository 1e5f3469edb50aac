using static Descent.Optim.Tests.Schedulers.FixtureLists;

namespace Descent.Optim.Tests.Schedulers;

public sealed class MultiplicativeLRCase : SchedulerCase
{
    /// <summary>The functions the fixture scripts name (tools/reference/schedulers/decay.py, composite.py).</summary>
    private static readonly Dictionary<string, Func<int, double>> s_lambdas = new()
    {
        ["0.97"] = t => 0.97,
        ["0.99"] = t => 0.99,
        ["1/(1+0.001*t)"] = t => 1.0 / (1.0 + 0.001 * t),
        ["0.9 every 10th"] = t => t % 10 == 0 ? 0.9 : 1.0,
    };

    public override string Name => "MultiplicativeLR";

    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) =>
        o.ContainsKey("lambdas")
            ? new MultiplicativeLR(optimizer, Strings(o, "lambdas").Select(name => s_lambdas[name]).ToArray())
            : new MultiplicativeLR(optimizer, s_lambdas[(string)o["lambda"]!]);

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("wrong number of functions", o => new MultiplicativeLR(o, [t => 1.0, t => 2.0]), "lrLambdas"),
        new("no function", o => new MultiplicativeLR(o, (Func<int, double>)null!), "lrLambda"),
        new("a null function in the list", o => new MultiplicativeLR(o, new Func<int, double>[] { null! }), "lrLambdas"),
        new("resuming without initial_lr", o => new MultiplicativeLR(o, t => 0.9, lastEpoch: 3), "lastEpoch"),
    ];
}
