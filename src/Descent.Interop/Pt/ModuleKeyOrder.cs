namespace Descent.Interop.Pt;

/// <summary>
/// Orders state-dict keys read back from a safetensors file (which sorts names byte by byte) the way a module lists
/// them: numbered children in numeric order (<c>2.</c> before <c>10.</c>) and a layer's <c>weight</c> before its
/// <c>bias</c>, as <c>Linear</c> registers them. torch's <c>load_state_dict</c> does not depend on the order; people
/// reading the keys do.
/// </summary>
internal sealed class ModuleKeyOrder : IComparer<string>
{
    public static readonly ModuleKeyOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        string[] a = (x ?? "").Split('.');
        string[] b = (y ?? "").Split('.');
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            int c = Segment(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    private static int Segment(string a, string b)
    {
        if (long.TryParse(a, out long m) && long.TryParse(b, out long n))
        {
            return m.CompareTo(n);
        }
        int ra = Rank(a);
        int rb = Rank(b);
        return ra != rb ? ra.CompareTo(rb) : string.CompareOrdinal(a, b);
    }

    private static int Rank(string segment) => segment switch
    {
        "weight" => 0,
        "bias" => 1,
        _ => 2,
    };
}
