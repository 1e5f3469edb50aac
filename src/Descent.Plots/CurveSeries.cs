namespace Descent.Plots;

/// <summary>The per-epoch values of one configuration, recorded once per seed.</summary>
/// <param name="Label">The configuration, as the legend shows it, e.g. <c>lr = 0.01</c>.</param>
/// <param name="Runs">One array per seed, each holding one value per epoch; every run has the same length.</param>
public sealed record CurveSeries(string Label, IReadOnlyList<double[]> Runs);
