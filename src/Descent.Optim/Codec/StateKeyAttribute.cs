namespace Descent.Optim.Codec;

/// <summary>
/// Gives a state member the PyTorch key its name does not spell in snake_case: LBFGS's <c>H_diag</c>, a
/// scheduler's <c>T_max</c> or <c>_step_count</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class StateKeyAttribute(string key) : Attribute
{
    /// <summary>The key in the state dict.</summary>
    public string Key { get; } = key;
}
