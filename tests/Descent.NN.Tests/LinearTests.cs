namespace Descent.NN.Tests;

public sealed class LinearTests
{
    [Fact]
    public void ShapesAndParameters()
    {
        var layer = new Linear(4, 3);

        Assert.Equal([3, 4], layer.Weight.Shape.ToArray());
        Assert.Equal([3], layer.Bias!.Shape.ToArray());
        Assert.True(layer.Weight.RequiresGrad);
        Assert.Equal([layer.Weight, layer.Bias], layer.Parameters());
        Assert.Equal([5, 3], layer.Forward(Tensor.Zeros(5, 4)).Shape.ToArray());
        Assert.Equal([3], layer.Forward(Tensor.Zeros(4)).Shape.ToArray());
    }

    [Fact]
    public void WithoutBiasHasOnlyAWeight()
    {
        var layer = new Linear(4, 3, bias: false);

        Assert.Null(layer.Bias);
        Assert.Equal(["weight"], layer.NamedParameters().Select(p => p.Name));
        Assert.Equal(["weight"], layer.StateDict().Keys);
    }

    [Fact]
    public void LeadingDimensionsAreBatchDimensions()
    {
        var layer = new Linear(4, 3, generator: new Generator(1));
        Tensor x = Tensor.Randn([2, 5, 4], new Generator(2));

        Tensor y = layer.Forward(x);

        Assert.Equal([2, 5, 3], y.Shape.ToArray());
        Assert.Equal(layer.Forward(x.Reshape(10, 4)).ToArray(), y.ToArray());
    }

    [Fact]
    public void DefaultInitIsUniformWithinOneOverSqrtFanIn()
    {
        var layer = new Linear(256, 512, generator: new Generator(42));
        float bound = (float)(1 / Math.Sqrt(256));
        float[] w = layer.Weight.ToArray();
        float[] b = layer.Bias!.ToArray();

        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.All(b, v => Assert.InRange(v, -bound, bound));
        // U(−c, c) has mean 0 and variance c²/3; with 131072 samples both are within a few percent.
        double mean = w.Average(v => (double)v);
        double variance = w.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, -0.01 * bound, 0.01 * bound);
        Assert.InRange(variance, 0.97 * bound * bound / 3, 1.03 * bound * bound / 3);
        // Ten equal bins each hold about a tenth of the samples (a flat histogram).
        int[] bins = new int[10];
        foreach (float v in w)
        {
            bins[Math.Min((int)((v + bound) / (2 * bound) * 10), 9)]++;
        }
        Assert.All(bins, count => Assert.InRange(count, 0.095 * w.Length, 0.105 * w.Length));
        Assert.Contains(b, v => v > bound / 2);
        Assert.Contains(b, v => v < -bound / 2);
    }

    [Fact]
    public void SameGeneratorSeedGivesSameInit()
    {
        var a = new Linear(8, 4, generator: new Generator(7));
        var b = new Linear(8, 4, generator: new Generator(7));
        var c = new Linear(8, 4, generator: new Generator(8));

        Assert.Equal(a.Weight.ToArray(), b.Weight.ToArray());
        Assert.Equal(a.Bias!.ToArray(), b.Bias!.ToArray());
        Assert.NotEqual(a.Weight.ToArray(), c.Weight.ToArray());
    }

    [Fact]
    public void GradientsReachWeightBiasAndInput()
    {
        var layer = new Linear(3, 2, generator: new Generator(3));
        Tensor x = Tensor.Randn([4, 3], new Generator(4)).RequireGrad();

        layer.Forward(x).Sum().Backward();

        Assert.NotNull(layer.Weight.Grad);
        Assert.Equal([4f, 4f], layer.Bias!.Grad!.ToArray());
        Assert.NotNull(x.Grad);
    }
}
