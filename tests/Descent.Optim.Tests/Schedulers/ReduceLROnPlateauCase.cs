using static Descent.Optim.Tests.Schedulers.DeclaredDefaults;
using static Descent.Optim.Tests.Schedulers.FixtureOptions;

namespace Descent.Optim.Tests.Schedulers;

public sealed class ReduceLROnPlateauCase : SchedulerCase
{
    public override string Name => "ReduceLROnPlateau";

    /// <summary>Options the fixture omits take the constructor's declared defaults, so those are checked against PyTorch's.</summary>
    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) => new ReduceLROnPlateau(
        optimizer,
        mode: Enum(o, "mode", Of<PlateauMode>(typeof(ReduceLROnPlateau), "mode")),
        factor: D(o, "factor", Of<double>(typeof(ReduceLROnPlateau), "factor")),
        patience: Int(o, "patience") ?? Of<int>(typeof(ReduceLROnPlateau), "patience"),
        threshold: D(o, "threshold", Of<double>(typeof(ReduceLROnPlateau), "threshold")),
        thresholdMode: Enum(o, "threshold_mode", Of<ThresholdMode>(typeof(ReduceLROnPlateau), "thresholdMode")),
        cooldown: Int(o, "cooldown") ?? Of<int>(typeof(ReduceLROnPlateau), "cooldown"),
        minLr: Groups(o, "min_lr"),
        eps: D(o, "eps", Of<double>(typeof(ReduceLROnPlateau), "eps")));

    /// <summary>ReduceLROnPlateau steps on the fixture's metric.</summary>
    public override void Step(LRScheduler scheduler, double? metric) =>
        ((ReduceLROnPlateau)scheduler).Step(metric ?? throw new ArgumentNullException(nameof(metric), "the fixture has no metric for this step"));

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("factor 1", o => new ReduceLROnPlateau(o, factor: 1.0), "factor"),
        new("factor above 1", o => new ReduceLROnPlateau(o, factor: 2.0), "factor"),
        new("NaN factor", o => new ReduceLROnPlateau(o, factor: double.NaN), "factor"),
        new("unknown mode", o => new ReduceLROnPlateau(o, mode: (PlateauMode)3), "mode"),
        new("unknown threshold mode", o => new ReduceLROnPlateau(o, thresholdMode: (ThresholdMode)3), "thresholdMode"),
        new("min_lr list of the wrong length", o => new ReduceLROnPlateau(o, minLr: new[] { 0.1, 0.01 }), "minLr"),
    ];
}
