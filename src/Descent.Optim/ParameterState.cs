namespace Descent.Optim;

/// <summary>
/// The per-parameter state of an optimizer: plain data, created on the parameter's first step. Public
/// properties of type <see cref="Tensor"/> (shaped like the parameter), <see cref="int"/>, <see cref="float"/>
/// (or <c>float?</c>) and lists of tensors or floats are the state-dict entries; their keys are the property
/// names in snake_case (<c>ExpAvgSq</c> ↔ <c>exp_avg_sq</c>), PyTorch's names, unless a <c>StateKey</c>
/// attribute gives another. A null value is an absent entry.
/// </summary>
public abstract class ParameterState
{
}
