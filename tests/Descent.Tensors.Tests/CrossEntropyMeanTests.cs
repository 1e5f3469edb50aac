namespace Descent.Tensors.Tests;

public sealed class CrossEntropyMeanTests
{
    [Fact]
    public void EqualsTheComposedFormulaAndItsGradient()
    {
        Tensor logits = Tensor.Randn([7, 4], new Generator(3)) * 3f;
        int[] classes = [0, 3, 1, 2, 2, 0, 3];
        var x = new Parameter(logits.Detach().Clone());
        Tensor fused = Tensor.CrossEntropyMean(x, classes);
        fused.Backward();

        var y = new Parameter(logits.Detach().Clone());
        Tensor picked = y.LogSoftmax(1).Reshape(28).IndexSelect(0, classes.Select((c, i) => i * 4 + c).ToArray());
        Tensor composed = -picked.Mean();
        composed.Backward();

        Assert.Equal(composed.Item(), fused.Item(), 5);
        float[] a = x.Grad!.ToArray();
        float[] b = y.Grad!.ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(b[i], a[i], 6);
        }
    }

    [Fact]
    public void PassesGradCheck()
    {
        var x = new Parameter(Tensor.Randn([5, 3], new Generator(4)));
        GradCheckResult r = GradCheck.Run(inputs => Tensor.CrossEntropyMean(inputs[0], [2, 0, 1, 1, 0]), [x]);
        Assert.True(r.Passed, r.Worst);
    }

    [Fact]
    public void StaysFiniteForHugeLogitsAndRefusesBadTargets()
    {
        Tensor logits = Tensor.FromArray([1000f, -1000f, -1000f, 1000f], 2, 2);
        Assert.Equal(1000f, Tensor.CrossEntropyMean(logits, [1, 1]).Item(), 3);
        Assert.Throws<ArgumentException>(() => Tensor.CrossEntropyMean(logits, [2, 0]));
        Assert.Throws<ArgumentException>(() => Tensor.CrossEntropyMean(logits, [0]));
    }
}
