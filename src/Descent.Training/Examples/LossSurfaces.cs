namespace Descent.Training.Examples;

/// <summary>The built-in loss surfaces: the chapter's linear regression and classic optimizer test functions.</summary>
public static class LossSurfaces
{
    /// <summary>
    /// Mean squared error of y = a + b·x on <see cref="LinearRegressionData"/> (true a = 1, b = 2), over intercept
    /// and slope: a convex, slightly elongated bowl.
    /// </summary>
    public static LossSurface LinearRegression(int n = 100, ulong seed = 1)
    {
        var data = new LinearRegressionData(n, seed: seed);
        (double a, double b) = LeastSquares(data);
        return new LossSurface("linreg", "Linear regression: mean squared error", data.Loss, (-2, -1), (a, b), (-3, 4), (-2, 5), "intercept", "slope", logContours: true);
    }

    /// <summary>Rosenbrock's function (1 − x)² + 100(y − x²)²: a curved narrow valley with its minimum at (1, 1).</summary>
    public static LossSurface Rosenbrock() => new("rosenbrock", "Rosenbrock function",
        (x, y) => (1f - x).Square() + 100f * (y - x.Square()).Square(),
        (-1.5, 2), (1, 1), (-2, 2), (-1, 3), logContours: true);

    /// <summary>Beale's function: flat plateaus and sharp ridges, minimum at (3, 0.5).</summary>
    public static LossSurface Beale() => new("beale", "Beale function",
        (x, y) => (1.5f - x + x * y).Square() + (2.25f - x + x * y.Square()).Square() + (2.625f - x + x * y.Square() * y).Square(),
        (1, 1.5), (3, 0.5), (-4.5, 4.5), (-4.5, 4.5), logContours: true);

    /// <summary>
    /// The saddle x² − y² (with a small quartic term so that the surface stays bounded): a saddle point at the origin,
    /// where the gradient vanishes too, and the minima at (0, ±√2), where the loss is −1.
    /// </summary>
    public static LossSurface Saddle() => new("saddle", "Saddle: x² − y² + y⁴/4",
        (x, y) => x.Square() - y.Square() + 0.25f * y.Square().Square(),
        (-1.5, 0.01), (0, Math.Sqrt(2)), (-2, 2), (-2, 2))
    {
        Minima = [(0, -Math.Sqrt(2)), (0, Math.Sqrt(2))],
        SaddlePoint = (0, 0),
    };

    /// <summary>An ill-conditioned quadratic (x² + 25y²)/2: condition number 25, minimum at the origin.</summary>
    public static LossSurface IllConditioned() => new("quadratic", "Ill-conditioned quadratic (x² + 25y²)/2",
        (x, y) => 0.5f * (x.Square() + 25f * y.Square()),
        (-4, 1.5), (0, 0), (-5, 5), (-2.5, 2.5), logContours: true);

    /// <summary>Every built-in surface.</summary>
    public static IReadOnlyList<LossSurface> All() => [LinearRegression(), Rosenbrock(), Beale(), Saddle(), IllConditioned()];

    /// <summary>The surface called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No surface has that name.</exception>
    public static LossSurface Get(string name) => name.ToLowerInvariant() switch
    {
        "linreg" or "linear-regression" => LinearRegression(),
        "rosenbrock" => Rosenbrock(),
        "beale" => Beale(),
        "saddle" => Saddle(),
        "quadratic" or "ill-conditioned" => IllConditioned(),
        _ => throw new ArgumentException($"Unknown surface '{name}' (known: linreg, rosenbrock, beale, saddle, quadratic).", nameof(name)),
    };

    /// <summary>The exact least-squares line of the data, where the linear-regression surface has its minimum.</summary>
    private static (double Intercept, double Slope) LeastSquares(LinearRegressionData data)
    {
        float[] x = data.X.ToArray();
        float[] y = data.Y.ToArray();
        double mx = x.Average(v => (double)v);
        double my = y.Average(v => (double)v);
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxy / sxx;
        return (my - slope * mx, slope);
    }
}
