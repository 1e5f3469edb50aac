using static Descent.Optim.Tests.Schedulers.DeclaredDefaults;
using static Descent.Optim.Tests.Schedulers.FixtureOptions;

namespace Descent.Optim.Tests.Schedulers;

public sealed class OneCycleLRCase : SchedulerCase
{
    public override string Name => "OneCycleLR";

    /// <summary>Options the fixture omits take the constructor's declared defaults, so those are checked against PyTorch's.</summary>
    public override LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> o) => new OneCycleLR(
        optimizer,
        Groups(o, "max_lr")!.Value,
        totalSteps: Int(o, "total_steps"),
        epochs: Int(o, "epochs"),
        stepsPerEpoch: Int(o, "steps_per_epoch"),
        pctStart: D(o, "pct_start", Of<double>(typeof(OneCycleLR), "pctStart")),
        annealStrategy: Enum(o, "anneal_strategy", Of<AnnealStrategy>(typeof(OneCycleLR), "annealStrategy")),
        cycleMomentum: Bool(o, "cycle_momentum", Of<bool>(typeof(OneCycleLR), "cycleMomentum")),
        baseMomentum: Groups(o, "base_momentum"),
        maxMomentum: Groups(o, "max_momentum"),
        divFactor: D(o, "div_factor", Of<double>(typeof(OneCycleLR), "divFactor")),
        finalDivFactor: D(o, "final_div_factor", Of<double>(typeof(OneCycleLR), "finalDivFactor")),
        threePhase: Bool(o, "three_phase", Of<bool>(typeof(OneCycleLR), "threePhase")));

    public override IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; } =
    [
        new("neither total_steps nor epochs and steps_per_epoch", o => new OneCycleLR(o, 0.1), "totalSteps"),
        new("epochs without steps_per_epoch", o => new OneCycleLR(o, 0.1, epochs: 10), "totalSteps"),
        new("zero total_steps", o => new OneCycleLR(o, 0.1, totalSteps: 0), "totalSteps"),
        new("negative epochs", o => new OneCycleLR(o, 0.1, epochs: -1, stepsPerEpoch: 10), "epochs"),
        new("zero steps_per_epoch", o => new OneCycleLR(o, 0.1, epochs: 3, stepsPerEpoch: 0), "stepsPerEpoch"),
        new("pct_start above 1", o => new OneCycleLR(o, 0.1, totalSteps: 100, pctStart: 1.5), "pctStart"),
        new("negative pct_start", o => new OneCycleLR(o, 0.1, totalSteps: 100, pctStart: -0.1), "pctStart"),
        new("unknown anneal strategy", o => new OneCycleLR(o, 0.1, totalSteps: 100, annealStrategy: (AnnealStrategy)5), "annealStrategy"),
        new("max_lr list of the wrong length", o => new OneCycleLR(o, new[] { 0.1, 0.2 }, totalSteps: 100), "maxLr"),
        new("max_momentum list of the wrong length", o => new OneCycleLR(o, 0.1, totalSteps: 100, maxMomentum: new[] { 0.9, 0.95 }), "maxMomentum"),
        new("momentum cycling on an optimizer without momentum or betas",
            o => new OneCycleLR(new Adagrad([new Parameter(Tensor.Zeros(1))]), 0.1, totalSteps: 100), "cycleMomentum"),
        new("resuming without initial_lr", o => new OneCycleLR(o, 0.1, totalSteps: 100, lastEpoch: 5), "lastEpoch"),
    ];
}
