namespace Descent.Interop.Pt;

/// <summary>A storage record of the archive (<c>data/{Key}</c>): its element type and raw little-endian bytes.</summary>
internal sealed record PtStorage(string Key, PtElement Element, long Count, byte[] Bytes)
{
    public override string ToString() => $"storage '{Key}'";
}
