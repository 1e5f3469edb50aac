namespace Descent.Plots;

/// <summary>The learning rate at every step of one schedule and, for schedules that cycle it, the momentum.</summary>
/// <param name="Label">The schedule, as the legend shows it, e.g. <c>OneCycleLR</c>.</param>
/// <param name="LearningRates">The learning rate at each step, from step 0.</param>
/// <param name="Momentum">
/// The momentum (or Adam's β₁) at each step, as long as <paramref name="LearningRates"/>; null when the schedule
/// leaves it alone.
/// </param>
public sealed record ScheduleSeries(string Label, IReadOnlyList<double> LearningRates, IReadOnlyList<double>? Momentum = null);
