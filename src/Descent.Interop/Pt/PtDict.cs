namespace Descent.Interop.Pt;

/// <summary>A Python dict or <c>collections.OrderedDict</c> read from a pickle, in insertion order.</summary>
/// <remarks>Keys are strings, integers (<see cref="long"/>), floats or booleans; anything else is refused when set.</remarks>
internal sealed class PtDict(bool ordered) : OrderedDictionary<object, object?>
{
    /// <summary>True for an <c>OrderedDict</c> (a module state dict), false for a plain dict.</summary>
    public bool IsOrderedDict { get; } = ordered;

    public override string ToString() => IsOrderedDict ? $"an OrderedDict of {Count}" : $"a dict of {Count}";
}
