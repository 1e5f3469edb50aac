using static Descent.Optim.Tests.Schedulers.DeclaredDefaults;
using static Descent.Optim.Tests.Schedulers.FixtureOptions;

namespace Descent.Optim.Tests.Schedulers;

public sealed class CyclicLRCase : SchedulerCase
{
    /// <summary>The scale functions the fixture script names (tools/reference/schedulers/cyclic.py).</summary>
    private static readonly Dictionary<string, Func<double, double>> s_scaleFns = new()
    {
        ["0.9^x"] = x => Math.Pow(0.9, x),
        ["1/(1+x/100)"] = x => 1.0 / (1.0 + x / 100.0),
    };

    public override string Name => "CyclicLR";

    /// <summary>Options the fixture omits take the constructor's declared defaults, so those are checked against PyTorch's.</summary>
    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) => new CyclicLR(
        optimizer,
        Groups(o, "base_lr")!.Value,
        Groups(o, "max_lr")!.Value,
        stepSizeUp: Int(o, "step_size_up") ?? Of<int>(typeof(CyclicLR), "stepSizeUp"),
        stepSizeDown: Int(o, "step_size_down"),
        mode: Enum(o, "mode", Of<CyclicLRMode>(typeof(CyclicLR), "mode")),
        gamma: D(o, "gamma", Of<double>(typeof(CyclicLR), "gamma")),
        scaleFn: o.TryGetValue("scale_fn", out object? fn) ? s_scaleFns[(string)fn!] : null,
        scaleMode: Enum(o, "scale_mode", Of<CyclicScaleMode>(typeof(CyclicLR), "scaleMode")),
        cycleMomentum: Bool(o, "cycle_momentum", Of<bool>(typeof(CyclicLR), "cycleMomentum")),
        baseMomentum: Groups(o, "base_momentum"),
        maxMomentum: Groups(o, "max_momentum"));

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("base_lr list of the wrong length", o => new CyclicLR(o, new[] { 0.01, 0.02 }, 0.1), "baseLr"),
        new("max_lr list of the wrong length", o => new CyclicLR(o, 0.01, new[] { 0.1, 0.2, 0.3 }), "maxLr"),
        new("zero step_size_up (PyTorch divides by zero)", o => new CyclicLR(o, 0.01, 0.1, stepSizeUp: 0), "stepSizeUp"),
        new("negative step_size_down", o => new CyclicLR(o, 0.01, 0.1, stepSizeUp: 10, stepSizeDown: -5), "stepSizeDown"),
        new("unknown mode without a scale function", o => new CyclicLR(o, 0.01, 0.1, mode: (CyclicLRMode)7), "mode"),
        new("base_momentum list of the wrong length", o => new CyclicLR(o, 0.01, 0.1, baseMomentum: new[] { 0.8, 0.85 }), "baseMomentum"),
        new("momentum cycling on an optimizer without momentum or betas",
            o => new CyclicLR(new Adagrad([new Parameter(Tensor.Zeros(1))]), 0.01, 0.1), "cycleMomentum"),
        new("resuming without initial_lr", o => new CyclicLR(o, 0.01, 0.1, lastEpoch: 5), "lastEpoch"),
    ];
}
