namespace Descent.Plots;

/// <summary>The per-epoch values of one configuration, recorded once per seed.</summary>
/// <param name="Label">The configuration, as the legend shows it, e.g. <c>lr = 0.01</c>.</param>
/// <param name="Runs">One array per seed, each holding one value per epoch; every run has the same length.</param>
public sealed record CurveSeries(string Label, IReadOnlyList<double[]> Runs)
{
    /// <summary>
    /// Whether the runs diverged (their loss stopped being finite) after the epochs given: the figure then marks the
    /// series' last point with a cross, where the run left the finite part that can be drawn.
    /// </summary>
    public bool Diverged { get; init; }
}
