namespace Descent.Plots;

/// <summary>The measured time of one optimization step at several batch sizes, for one implementation or setting.</summary>
/// <param name="Label">What was timed, as the legend shows it, e.g. <c>Descent</c> or <c>PyTorch</c>.</param>
/// <param name="BatchSizes">The batch sizes, each at least 1.</param>
/// <param name="Times">The time per step at each batch size, in the unit the figure's y label names.</param>
public sealed record StepTimeSeries(string Label, IReadOnlyList<int> BatchSizes, IReadOnlyList<double> Times);
