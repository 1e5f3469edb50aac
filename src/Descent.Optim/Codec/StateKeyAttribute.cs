namespace Descent.Optim.Codec;

/// <summary>
/// Gives a state property the PyTorch key its name does not spell in snake_case (LBFGS's <c>H_diag</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class StateKeyAttribute(string key) : Attribute
{
    /// <summary>The key in the state dict.</summary>
    public string Key { get; } = key;
}
