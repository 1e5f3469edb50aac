using Descent.Training.Examples;

namespace Descent.Training.Tests;

public sealed class GradientDescentDemoTests
{
    [Fact]
    public void PlainGradientDescentApproachesTheLeastSquaresLine()
    {
        var data = new LinearRegressionData(n: 200, intercept: 1f, slope: 2f, noise: 0.1f, seed: 7);
        DemoStep[] steps = GradientDescentDemo.Run(data, lr: 0.1f, steps: 300).ToArray();

        Assert.Equal(300, steps.Length);
        Assert.True(steps[^1].Loss < steps[0].Loss / 10, $"loss went from {steps[0].Loss} to {steps[^1].Loss}");
        Assert.Equal(1f, steps[^1].Intercept, 0.05f);
        Assert.Equal(2f, steps[^1].Slope, 0.05f);
    }

    [Fact]
    public void TheFirstStepMovesAgainstTheGradientOfTheMeanSquaredError()
    {
        var data = new LinearRegressionData(n: 10, seed: 3);
        DemoStep first = GradientDescentDemo.Run(data, lr: 0.5f, steps: 1).Single();

        // From θ = 0: ∂L/∂a = −2 mean(y), ∂L/∂b = −2 mean(x y), so θ₁ = −η ∇L.
        float[] x = data.X.ToArray();
        float[] y = data.Y.ToArray();
        double meanY = y.Average();
        double meanXy = x.Zip(y, (xi, yi) => (double)xi * yi).Average();
        Assert.Equal(0.5 * 2 * meanY, first.Intercept, 1e-5);
        Assert.Equal(0.5 * 2 * meanXy, first.Slope, 1e-5);
        Assert.Equal(y.Average(v => (double)v * v), first.Loss, 1e-4);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    public void AnInvalidLearningRateIsRefused(float lr)
    {
        var data = new LinearRegressionData(n: 10);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GradientDescentDemo.Run(data, lr, 5));
        Assert.Equal("lr", e.ParamName);
    }
}
