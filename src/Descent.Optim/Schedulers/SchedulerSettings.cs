namespace Descent.Optim.Schedulers;

/// <summary>
/// The settings a schedule can be given by name through <see cref="SchedulerCatalog"/>; each one left null takes the
/// catalogue's default for the length of the run. Which schedule reads which setting is listed by
/// <see cref="SchedulerCatalog.SettingsOf"/>.
/// </summary>
public sealed record SchedulerSettings
{
    /// <summary>step: steps between decays; cyclic: steps up (half a cycle); plateau: patience.</summary>
    public int? StepSize { get; init; }

    /// <summary>step, multistep, exponential: decay factor.</summary>
    public double? Gamma { get; init; }

    /// <summary>multistep: the steps at which to decay.</summary>
    public int[]? Milestones { get; init; }

    /// <summary>cosine, cosine-restarts, warmup-cosine: the final learning rate.</summary>
    public double? EtaMin { get; init; }

    /// <summary>onecycle, cyclic: the peak learning rate.</summary>
    public double? MaxLr { get; init; }

    /// <summary>onecycle: fraction of the steps spent rising.</summary>
    public double? PctStart { get; init; }

    /// <summary>warmup-cosine, linear, constant: steps of warm-up.</summary>
    public int? Warmup { get; init; }

    /// <summary>cosine-restarts: steps of the first cycle; cosine: t_max.</summary>
    public int? Period { get; init; }

    /// <summary>constant, plateau: the factor applied.</summary>
    public double? Factor { get; init; }
}
