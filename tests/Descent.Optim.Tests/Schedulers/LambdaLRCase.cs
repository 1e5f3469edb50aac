namespace Descent.Optim.Tests.Schedulers;

public sealed class LambdaLRCase : SchedulerCase
{
    /// <summary>The functions the fixture script names (tools/reference/schedulers/basic.py).</summary>
    private static readonly Dictionary<string, Func<int, double>> s_lambdas = new()
    {
        ["0.97^t"] = t => Math.Pow(0.97, t),
        ["1/(1+t/10)"] = t => 1.0 / (1.0 + t / 10.0),
    };

    public override string Name => "LambdaLR";

    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) =>
        new LambdaLR(optimizer, s_lambdas[(string)o["lambda"]!]);

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("wrong number of functions", o => new LambdaLR(o, [t => 1.0, t => 2.0]), "lrLambdas"),
    ];
}
