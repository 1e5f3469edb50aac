namespace Descent.Bench;

/// <summary>How the parameters of the step benchmark are laid out: <see cref="Count"/> tensors of <see cref="Size"/> elements.</summary>
internal sealed record ParameterLayout(int Count, int Size)
{
    public long Elements => (long)Count * Size;

    /// <summary>The layout as the peer script takes it, e.g. <c>1x10000000</c>.</summary>
    public string PeerKey => $"{Count}x{Size}";

    public override string ToString() => $"{Count} × {Format.Count(Size)}";

    /// <summary>One large parameter and many small ones, the same number of elements in all.</summary>
    public static IReadOnlyList<ParameterLayout> For(BenchOptions options) => options.Quick
        ? [new(1, 200_000), new(20, 10_000)]
        : [new(1, 10_000_000), new(1000, 10_000)];
}
