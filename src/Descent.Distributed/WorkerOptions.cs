namespace Descent.Distributed;

/// <summary>How long a <see cref="Worker"/> works.</summary>
public sealed record WorkerOptions
{
    /// <summary>The worker's name in the study (who holds which trial); the host name and process id by default.</summary>
    public string Id { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Stop after this many trials; null for no limit.</summary>
    public int? MaxTrials { get; init; }

    /// <summary>
    /// Stop after this long with nothing to claim and nothing running anywhere in the study (a running trial may come
    /// back to the queue if its worker dies); null to stop as soon as the study has ended.
    /// </summary>
    public TimeSpan? IdleExit { get; init; }

    /// <summary>How often an idle worker looks for work.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(100);
}
