namespace Descent.Optim.Schedulers;

/// <summary>
/// The learning-rate schedules by short name (<c>cosine</c>, <c>onecycle</c>, …), built from
/// <see cref="SchedulerSettings"/> for a run of a known length, so that the command line and the explorer page make
/// the same schedule from the same words. Settings left out default to fractions of the run.
/// </summary>
public static class SchedulerCatalog
{
    private static readonly (string Name, string[] Settings)[] s_schedules =
    [
        ("none", []),
        ("step", ["step_size", "gamma"]),
        ("multistep", ["milestones", "gamma"]),
        ("exponential", ["gamma"]),
        ("cosine", ["period", "eta_min"]),
        ("cosine-restarts", ["period", "eta_min"]),
        ("linear", ["warmup"]),
        ("warmup-cosine", ["warmup", "eta_min"]),
        ("onecycle", ["max_lr", "pct_start"]),
        ("cyclic", ["max_lr", "step_size"]),
        ("polynomial", []),
        ("constant", ["factor", "warmup"]),
        ("plateau", ["factor", "step_size"]),
    ];

    /// <summary>Every schedule's name, <c>none</c> first.</summary>
    public static IReadOnlyList<string> Names { get; } = s_schedules.Select(s => s.Name).ToArray();

    /// <summary>The settings (snake_case, as <see cref="SchedulerSettings"/> in PyTorch's style) that schedule <paramref name="name"/> reads.</summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static IReadOnlyList<string> SettingsOf(string name) =>
        s_schedules.Where(s => s.Name == name).Select(s => s.Settings).FirstOrDefault() ?? throw Unknown(name);

    /// <summary>
    /// The factory of schedule <paramref name="name"/> for a run of <paramref name="totalSteps"/> schedule steps, or
    /// null for <c>none</c>. The schedule's own checks run when the factory is called.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static Func<Optimizer, LRScheduler>? Create(string name, SchedulerSettings settings, int totalSteps)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(settings);
        int steps = Math.Max(totalSteps, 1);
        SchedulerSettings s = settings;
        double etaMin = s.EtaMin ?? 0;
        int warmup = s.Warmup ?? Math.Max(1, steps / 10);
        return name switch
        {
            "none" => null,
            "step" => o => new StepLR(o, s.StepSize ?? Math.Max(1, steps / 3), s.Gamma ?? 0.1),
            "multistep" => o => new MultiStepLR(o, s.Milestones ?? [steps / 2, steps * 3 / 4], s.Gamma ?? 0.1),
            "exponential" => o => new ExponentialLR(o, s.Gamma ?? 0.95),
            "cosine" => o => new CosineAnnealingLR(o, s.Period ?? steps, etaMin),
            "cosine-restarts" => o => new CosineAnnealingWarmRestarts(o, s.Period ?? Math.Max(1, steps / 4), 1, etaMin),
            "linear" => o => new LinearLR(o, totalIters: warmup),
            "warmup-cosine" => o => Schedule.WarmupCosineScheduler(o, warmup, steps, etaMin),
            "onecycle" => o => new OneCycleLR(o, s.MaxLr ?? o.ParamGroups[0].Lr * 10, totalSteps: steps, pctStart: s.PctStart ?? 0.3),
            "cyclic" => o => new CyclicLR(o, o.ParamGroups[0].Lr, s.MaxLr ?? o.ParamGroups[0].Lr * 10, stepSizeUp: s.StepSize ?? Math.Max(1, steps / 8),
                cycleMomentum: o.ParamGroups[0].ContainsKey("momentum") || o.ParamGroups[0].ContainsKey("betas")),
            "polynomial" => o => new PolynomialLR(o, steps, 1.0),
            "constant" => o => new ConstantLR(o, s.Factor ?? 1.0 / 3, warmup),
            "plateau" => o => new ReduceLROnPlateau(o, factor: s.Factor ?? 0.1, patience: s.StepSize ?? 5),
            _ => throw Unknown(name),
        };
    }

    private static ArgumentException Unknown(string name) =>
        new($"Unknown schedule '{name}' (known: {string.Join(", ", s_schedules.Select(s => s.Name))}).", nameof(name));
}
