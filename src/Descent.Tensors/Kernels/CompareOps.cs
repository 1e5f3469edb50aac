namespace Descent.Kernels;

/// <summary>Comparison ops producing 1 where the relation holds and 0 elsewhere (NaN compares false, except Ne).</summary>
internal interface ICompare
{
    static abstract bool Holds(float x, float y);
}

internal readonly struct CompareOp<TCompare> : IBinaryOp
    where TCompare : ICompare
{
    public static float Invoke(float x, float y) => TCompare.Holds(x, y) ? 1f : 0f;

    public static void Invoke(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d)
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = TCompare.Holds(x[i], y[i]) ? 1f : 0f;
        }
    }

    public static void Invoke(ReadOnlySpan<float> x, float y, Span<float> d)
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = TCompare.Holds(x[i], y) ? 1f : 0f;
        }
    }

    public static void Invoke(float x, ReadOnlySpan<float> y, Span<float> d)
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = TCompare.Holds(x, y[i]) ? 1f : 0f;
        }
    }
}

internal readonly struct GreaterThan : ICompare
{
    public static bool Holds(float x, float y) => x > y;
}

internal readonly struct GreaterOrEqual : ICompare
{
    public static bool Holds(float x, float y) => x >= y;
}

internal readonly struct LessThan : ICompare
{
    public static bool Holds(float x, float y) => x < y;
}

internal readonly struct LessOrEqual : ICompare
{
    public static bool Holds(float x, float y) => x <= y;
}

internal readonly struct EqualTo : ICompare
{
    public static bool Holds(float x, float y) => x == y;
}

internal readonly struct NotEqualTo : ICompare
{
    public static bool Holds(float x, float y) => x != y;
}
