using Descent.Kernels;

namespace Descent.Tensors.Tests.Kernels;

/// <summary>Row gathers and row repeats against their element-by-element definitions, for every width path.</summary>
public sealed class LayoutTests
{
    [Fact]
    public void GatherCopiesEachPickedRowForEveryWidth()
    {
        var random = new Random(3);
        foreach (int inner in (int[])[1, 2, 7, 8, 9, 16, 57, 255, 256, 300])
        {
            foreach (int[] index in (int[][])[[4, 0, 4, 2], [1, 2, 3], [0], []])
            {
                float[] source = [.. Enumerable.Range(0, 5 * inner).Select(_ => random.NextSingle())];
                var actual = new float[index.Length * inner];
                Layout.Gather(source, outer: 1, size: 5, inner, index, actual);
                for (int j = 0; j < index.Length; j++)
                {
                    for (int e = 0; e < inner; e++)
                    {
                        Assert.Equal(source[(index[j] * inner) + e], actual[(j * inner) + e]);
                    }
                }
            }
        }
    }

    [Fact]
    public void RepeatRowFillsEveryRowForEveryWidth()
    {
        for (int n = 0; n <= 20; n++)
        {
            float[] row = [.. Enumerable.Range(1, n).Select(i => (float)i)];
            var d = new float[3 * n];
            Layout.RepeatRow(row, d);
            for (int i = 0; i < d.Length; i++)
            {
                Assert.Equal(row[i % n], d[i]);
            }
        }
    }
}
