namespace Descent.Distributed;

/// <summary>Where a study's trials stand.</summary>
/// <param name="Queued">Waiting for a worker.</param>
/// <param name="Running">Claimed by a worker that still heartbeats (or whose lease has not run out yet).</param>
/// <param name="Done">Finished with a result.</param>
/// <param name="Failed">Finished with an error.</param>
/// <param name="Runs">Trial starts, re-runs included.</param>
public sealed record StudyCounts(long Queued, long Running, long Done, long Failed, long Runs)
{
    /// <inheritdoc/>
    public override string ToString() => $"queued {Queued}, running {Running}, done {Done}, failed {Failed}";
}
