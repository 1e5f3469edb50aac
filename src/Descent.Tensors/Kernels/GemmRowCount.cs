namespace Descent.Kernels;

/// <summary>A row count known to the JIT, so each instantiation of a kernel carries only the rows it needs.</summary>
internal interface IRowCount
{
    static abstract int Value { get; }
}

internal readonly struct Rows1 : IRowCount
{
    public static int Value => 1;
}

internal readonly struct Rows2 : IRowCount
{
    public static int Value => 2;
}

internal readonly struct Rows3 : IRowCount
{
    public static int Value => 3;
}

internal readonly struct Rows4 : IRowCount
{
    public static int Value => 4;
}

internal readonly struct Rows5 : IRowCount
{
    public static int Value => 5;
}

internal readonly struct Rows6 : IRowCount
{
    public static int Value => 6;
}
