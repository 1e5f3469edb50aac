namespace Descent.Interop.Pt;

/// <summary>A Python tuple read from a pickle: kept apart from lists, as torch gives them different meanings (sizes, betas).</summary>
internal sealed class PtTuple(object?[] items)
{
    public IReadOnlyList<object?> Items { get; } = items;

    public override string ToString() => $"a tuple of {Items.Count}";
}
