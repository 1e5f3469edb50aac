namespace Descent.Optim.Schedulers;

/// <summary>A schedule sampled step by step: the learning rate of every step, and the momentum where it is cycled.</summary>
/// <param name="Lr">The learning rate used by step t = 0, 1, …</param>
/// <param name="Momentum">The momentum at each step where it is cycled (<see cref="CyclicLR"/>, <see cref="OneCycleLR"/>), else null.</param>
public sealed record SampledSchedule(IReadOnlyList<double> Lr, IReadOnlyList<double>? Momentum);
