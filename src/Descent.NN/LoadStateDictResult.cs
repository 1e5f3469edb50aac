namespace Descent.NN;

/// <summary>What <see cref="Module.LoadStateDict"/> could not match, as PyTorch's <c>_IncompatibleKeys</c>.</summary>
/// <param name="MissingKeys">Keys of the module's state that the loaded dictionary did not have.</param>
/// <param name="UnexpectedKeys">Keys of the loaded dictionary that the module has no parameter or buffer for.</param>
public sealed record LoadStateDictResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);
