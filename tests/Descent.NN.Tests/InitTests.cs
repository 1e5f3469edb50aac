namespace Descent.NN.Tests;

public sealed class InitTests
{
    [Fact]
    public void GainsAreThoseOfPyTorch()
    {
        Assert.Equal(1.0, Init.CalculateGain(Nonlinearity.Linear));
        Assert.Equal(1.0, Init.CalculateGain(Nonlinearity.Conv2d));
        Assert.Equal(1.0, Init.CalculateGain(Nonlinearity.ConvTranspose3d));
        Assert.Equal(1.0, Init.CalculateGain(Nonlinearity.Sigmoid));
        Assert.Equal(5.0 / 3, Init.CalculateGain(Nonlinearity.Tanh));
        Assert.Equal(Math.Sqrt(2.0), Init.CalculateGain(Nonlinearity.Relu));
        Assert.Equal(Math.Sqrt(2.0 / (1 + 0.01 * 0.01)), Init.CalculateGain(Nonlinearity.LeakyRelu));
        Assert.Equal(Math.Sqrt(2.0 / (1 + 0.2 * 0.2)), Init.CalculateGain(Nonlinearity.LeakyRelu, 0.2));
        Assert.Equal(0.75, Init.CalculateGain(Nonlinearity.Selu));
        // Printed by PyTorch 1.13: calculate_gain('leaky_relu') == 1.4141428569978354.
        Assert.Equal(1.4141428569978354, Init.CalculateGain(Nonlinearity.LeakyRelu));
    }

    [Fact]
    public void FansFollowPyTorch()
    {
        Assert.Equal((4, 3), Init.CalculateFanInAndFanOut(Tensor.Zeros(3, 4)));
        Assert.Equal((4 * 9, 8 * 9), Init.CalculateFanInAndFanOut(Tensor.Zeros(8, 4, 3, 3)));
        var error = Assert.Throws<ArgumentException>(() => Init.CalculateFanInAndFanOut(Tensor.Zeros(3)));
        Assert.Contains("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions", error.Message);
        Assert.Throws<ArgumentException>(() => Init.KaimingUniform(Tensor.Zeros(3)));
        Assert.Throws<ArgumentException>(() => Init.XavierNormal(Tensor.Zeros(3)));
    }

    [Fact]
    public void UniformStaysWithinBoundsAndWritesParametersInPlace()
    {
        var p = new Parameter(Tensor.Zeros(100, 100));

        Tensor result = Init.Uniform(p, -0.5, 2.0, new Generator(1));

        Assert.Same(p, result);
        Assert.Null(p.GradFn);
        Assert.True(p.RequiresGrad);
        float[] v = p.ToArray();
        Assert.All(v, x => Assert.InRange(x, -0.5f, 2.0f));
        Assert.InRange(v.Average(), 0.72, 0.78);
        Assert.Throws<ArgumentOutOfRangeException>(() => Init.Uniform(p, 1, 0));
    }

    [Fact]
    public void NormalHasTheRequestedMeanAndStd()
    {
        Tensor t = Init.Normal(Tensor.Zeros(200, 200), mean: 3, std: 0.5, new Generator(2));

        (double mean, double std) = Moments(t);
        Assert.InRange(mean, 2.99, 3.01);
        Assert.InRange(std, 0.49, 0.51);
        Assert.Throws<ArgumentOutOfRangeException>(() => Init.Normal(t, std: -1));
    }

    [Fact]
    public void ConstantZerosAndOnesFill()
    {
        var p = new Parameter(Tensor.Zeros(2, 3));

        Assert.All(Init.Constant(p, 0.25).ToArray(), x => Assert.Equal(0.25f, x));
        Assert.All(Init.Ones(p).ToArray(), x => Assert.Equal(1f, x));
        Assert.All(Init.Zeros(p).ToArray(), x => Assert.Equal(0f, x));
    }

    [Fact]
    public void XavierScalesBySumOfFans()
    {
        Tensor u = Init.XavierUniform(Tensor.Zeros(300, 500), gain: 2, new Generator(3));
        Tensor n = Init.XavierNormal(Tensor.Zeros(300, 500), gain: 2, new Generator(4));

        double bound = 2 * Math.Sqrt(6.0 / 800);
        Assert.All(u.ToArray(), x => Assert.InRange(x, -bound, bound));
        Assert.InRange(Moments(u).Std, 0.98 * bound / Math.Sqrt(3), 1.02 * bound / Math.Sqrt(3));
        Assert.InRange(Moments(n).Std, 0.98 * 2 * Math.Sqrt(2.0 / 800), 1.02 * 2 * Math.Sqrt(2.0 / 800));
    }

    [Fact]
    public void KaimingScalesByTheChosenFanAndGain()
    {
        Tensor fanIn = Init.KaimingUniform(Tensor.Zeros(200, 800), mode: FanMode.FanIn, nonlinearity: Nonlinearity.Relu,
            generator: new Generator(5));
        Tensor fanOut = Init.KaimingNormal(Tensor.Zeros(200, 800), mode: FanMode.FanOut, nonlinearity: Nonlinearity.Relu,
            generator: new Generator(6));

        double bound = Math.Sqrt(2.0) * Math.Sqrt(3.0 / 800);
        Assert.All(fanIn.ToArray(), x => Assert.InRange(x, -bound, bound));
        Assert.InRange(Moments(fanIn).Std, 0.98 * Math.Sqrt(2.0 / 800), 1.02 * Math.Sqrt(2.0 / 800));
        Assert.InRange(Moments(fanOut).Std, 0.98 * Math.Sqrt(2.0 / 200), 1.02 * Math.Sqrt(2.0 / 200));
    }

    [Fact]
    public void KaimingWithSqrtFiveIsLinearsDefault()
    {
        var layer = new Linear(64, 32, generator: new Generator(7));
        Tensor same = Init.KaimingUniform(Tensor.Zeros(32, 64), a: Math.Sqrt(5), generator: new Generator(7));

        Assert.Equal(same.ToArray(), layer.Weight.ToArray());
        Assert.All(same.ToArray(), x => Assert.InRange(x, -1 / 8f, 1 / 8f));
    }

    [Fact]
    public void ZeroElementTensorsAreLeftAlone()
    {
        Tensor empty = Tensor.Zeros(0, 4);

        Assert.Same(empty, Init.KaimingUniform(empty));
        Assert.Equal([0, 4], new Linear(4, 0).Weight.Shape.ToArray());
    }

    private static (double Mean, double Std) Moments(Tensor t)
    {
        float[] v = t.ToArray();
        double mean = v.Average(x => (double)x);
        return (mean, Math.Sqrt(v.Average(x => (x - mean) * (x - mean))));
    }
}
