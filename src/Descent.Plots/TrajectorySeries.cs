namespace Descent.Plots;

/// <summary>
/// The iterates of one optimizer on a two-parameter problem, in order; a recorded
/// a recorded optimizer trajectory gives its <c>Label</c> and <c>Points</c>.
/// </summary>
/// <param name="Label">The optimizer, as the legend shows it, e.g. <c>Adam, lr = 0.1</c>.</param>
/// <param name="Points">The parameters after each step; the first point is the start.</param>
public sealed record TrajectorySeries(string Label, IReadOnlyList<(double X, double Y)> Points);
