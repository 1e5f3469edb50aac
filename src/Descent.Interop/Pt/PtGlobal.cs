namespace Descent.Interop.Pt;

/// <summary>An allowed global named by a pickle: only its name, never anything looked up or imported.</summary>
internal sealed record PtGlobal(string Name)
{
    public override string ToString() => $"the global '{Name}'";
}
