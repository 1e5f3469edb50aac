namespace Descent.Plots;

/// <summary>What a learning-curve figure draws for one series: the mean line and the band's edges, per epoch.</summary>
/// <param name="Label">The series' label.</param>
/// <param name="RunCount">How many runs the numbers summarize.</param>
/// <param name="Mean">The mean over runs at each epoch.</param>
/// <param name="Lower">The band's lower edge at each epoch.</param>
/// <param name="Upper">The band's upper edge at each epoch.</param>
internal sealed record CurveSummary(string Label, int RunCount, double[] Mean, double[] Lower, double[] Upper);
