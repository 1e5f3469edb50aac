using static Descent.Optim.Tests.Schedulers.DeclaredDefaults;

namespace Descent.Optim.Tests.Schedulers;

public sealed class CosineAnnealingWarmRestartsCase : SchedulerCase
{
    public override string Name => "CosineAnnealingWarmRestarts";

    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) => new CosineAnnealingWarmRestarts(
        optimizer,
        I(o, "T_0", int.MinValue),
        I(o, "T_mult", Of<int>(typeof(CosineAnnealingWarmRestarts), "tMult")),
        D(o, "eta_min", Of<double>(typeof(CosineAnnealingWarmRestarts), "etaMin")));

    /// <summary>
    /// The fixture's per-step values are the epochs PyTorch's <c>step(epoch)</c> was given (cosine.py), −1 standing
    /// for a plain <c>step()</c>; without them every step is plain.
    /// </summary>
    public override void Step(LRScheduler scheduler, double? metric)
    {
        if (metric is double e && e >= 0)
        {
            ((CosineAnnealingWarmRestarts)scheduler).Step(e);
        }
        else
        {
            scheduler.Step();
        }
    }

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("zero T_0", o => new CosineAnnealingWarmRestarts(o, 0), "t0"),
        new("T_mult below 1", o => new CosineAnnealingWarmRestarts(o, 10, tMult: 0), "tMult"),
        new("negative eta_min", o => new CosineAnnealingWarmRestarts(o, 10, etaMin: -1e-3), "etaMin"),
        new("negative epoch in step(epoch)", o => StepTo(new CosineAnnealingWarmRestarts(o, 10), -1), "epoch"),
        new("NaN epoch in step(epoch)", o => StepTo(new CosineAnnealingWarmRestarts(o, 10), double.NaN), "epoch"),
        new("infinite epoch in step(epoch)", o => StepTo(new CosineAnnealingWarmRestarts(o, 10), double.PositiveInfinity), "epoch"),
    ];

    private static CosineAnnealingWarmRestarts StepTo(CosineAnnealingWarmRestarts scheduler, double epoch)
    {
        scheduler.Step(epoch);
        return scheduler;
    }
}
