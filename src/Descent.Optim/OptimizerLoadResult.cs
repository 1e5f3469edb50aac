namespace Descent.Optim;

/// <summary>
/// What a non-strict <see cref="Optimizer.LoadStateDict(OptimizerStateDict, bool)"/> could not match by name, as a
/// module's load reports missing and unexpected keys.
/// </summary>
/// <param name="MissingNames">Names of this optimizer's parameters that the state dict does not name (they start afresh).</param>
/// <param name="UnexpectedNames">Names in the state dict that no parameter of this optimizer has (their state is dropped).</param>
public sealed record OptimizerLoadResult(IReadOnlyList<string> MissingNames, IReadOnlyList<string> UnexpectedNames);
