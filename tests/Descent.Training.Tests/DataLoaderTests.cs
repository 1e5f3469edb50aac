namespace Descent.Training.Tests;

public sealed class DataLoaderTests
{
    private static readonly Tensor s_x = Tensor.Arange(10).Reshape(10, 1);

    [Theory]
    [InlineData(3, false, 4)]
    [InlineData(3, true, 3)]
    [InlineData(5, true, 2)]
    [InlineData(20, false, 1)]
    [InlineData(20, true, 0)]
    public void BatchCountsFollowBatchSizeAndDropLast(int batchSize, bool dropLast, int batches)
    {
        var loader = new DataLoader(s_x, s_x, batchSize, dropLast: dropLast);
        Assert.Equal(batches, loader.BatchCount);
        Assert.Equal(batches, loader.Count());
    }

    [Fact]
    public void InOrderBatchesCoverEveryRowOnce()
    {
        float[] rows = new DataLoader(s_x, s_x, 4).SelectMany(b => b.X.ToArray()).ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), rows);
    }

    [Fact]
    public void ShufflingIsSeededAndDiffersBetweenPasses()
    {
        var a = new DataLoader(s_x, s_x, 4, shuffle: true, generator: new Generator(7));
        var b = new DataLoader(s_x, s_x, 4, shuffle: true, generator: new Generator(7));
        float[] first = a.SelectMany(x => x.X.ToArray()).ToArray();
        Assert.Equal(first, b.SelectMany(x => x.X.ToArray()));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), first.Order());
        Assert.NotEqual(first, a.SelectMany(x => x.X.ToArray()));
        Assert.All(a, batch => Assert.Equal(batch.X.ToArray(), batch.Y.ToArray()));
    }

    [Fact]
    public void ABatchSizeOfZeroIsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(s_x, s_x, 0));
        Assert.Equal("batchSize", e.ParamName);
        Assert.Throws<ArgumentException>(() => new DataLoader(s_x, Tensor.Zeros(3), 2));
    }
}
