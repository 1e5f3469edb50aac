namespace Descent.Training.Examples;

/// <summary>
/// Synthetic data for simple linear regression, y = intercept + slope · x + noise, with x ~ U(−2, 2) and
/// Gaussian noise: the smallest problem on which every optimizer can be watched (its loss surface over
/// intercept and slope is a convex bowl).
/// </summary>
public sealed class LinearRegressionData
{
    /// <summary>Draws <paramref name="n"/> points from the given line with noise of standard deviation <paramref name="noise"/>.</summary>
    public LinearRegressionData(int n = 100, float intercept = 1f, float slope = 2f, float noise = 0.5f, ulong seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(noise);
        var generator = new Generator(seed);
        X = Tensor.Rand([n, 1], generator) * 4f - 2f;
        Y = intercept + slope * X + Tensor.Randn([n, 1], generator) * noise;
        TrueIntercept = intercept;
        TrueSlope = slope;
    }

    /// <summary>The inputs, shape [n, 1].</summary>
    public Tensor X { get; }

    /// <summary>The targets, shape [n, 1].</summary>
    public Tensor Y { get; }

    /// <summary>The intercept the data was drawn from.</summary>
    public float TrueIntercept { get; }

    /// <summary>The slope the data was drawn from.</summary>
    public float TrueSlope { get; }

    /// <summary>Mean squared error of the line (intercept, slope) on this data, recorded for autograd when the inputs require grad.</summary>
    public Tensor Loss(Tensor intercept, Tensor slope)
    {
        Tensor residual = intercept + slope * X - Y;
        return residual.Square().Mean();
    }
}
