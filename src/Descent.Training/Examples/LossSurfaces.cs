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
        return new LossSurface("linreg", "Linear regression: mean squared error", data.Loss, (-2, -1), (a, b), (-3, 4), (-2, 5), "intercept", "slope", logContours: true)
        {
            // One column of residuals per point: [n, 1] data against [1, m] intercepts and slopes.
            Pointwise = (intercept, slope) => (intercept.Unsqueeze(0) + slope.Unsqueeze(0) * data.X - data.Y).Square().Mean(0),
        };
    }

    /// <summary>Rosenbrock's function (1 − x)² + 100(y − x²)²: a curved narrow valley with its minimum at (1, 1).</summary>
    public static LossSurface Rosenbrock() => Elementwise(new("rosenbrock", "Rosenbrock function",
        (x, y) => (1f - x).Square() + 100f * (y - x.Square()).Square(),
        (-1.5, 2), (1, 1), (-2, 2), (-1, 3), logContours: true));

    /// <summary>Beale's function: flat plateaus and sharp ridges, minimum at (3, 0.5).</summary>
    public static LossSurface Beale() => Elementwise(new("beale", "Beale function",
        (x, y) => (1.5f - x + x * y).Square() + (2.25f - x + x * y.Square()).Square() + (2.625f - x + x * y.Square() * y).Square(),
        (1, 1.5), (3, 0.5), (-4.5, 4.5), (-4.5, 4.5), logContours: true));

    /// <summary>
    /// The saddle x² − y² (with a small quartic term so that the surface stays bounded): a saddle point at the origin,
    /// where the gradient vanishes too, and the minima at (0, ±√2), where the loss is −1.
    /// </summary>
    public static LossSurface Saddle() => Elementwise(new("saddle", "Saddle: x² − y² + y⁴/4",
        (x, y) => x.Square() - y.Square() + 0.25f * y.Square().Square(),
        (-1.5, 0.01), (0, Math.Sqrt(2)), (-2, 2), (-2, 2))
    {
        Minima = [(0, -Math.Sqrt(2)), (0, Math.Sqrt(2))],
        SaddlePoint = (0, 0),
    });

    /// <summary>
    /// The quadratic (x² + κy²)/2 with condition number κ (<paramref name="condition"/>, 25 unless given; 1 is a round
    /// bowl), minimum at the origin.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">κ below 1 or not finite.</exception>
    public static LossSurface IllConditioned(double condition = 25)
    {
        if (!(condition >= 1) || !double.IsFinite(condition))
        {
            throw new ArgumentOutOfRangeException(nameof(condition), condition, $"The condition number must be a finite number of at least 1, got {condition}.");
        }
        float kappa = (float)condition;
        string title = condition == 25 ? "Ill-conditioned quadratic (x² + 25y²)/2" : $"Quadratic (x² + {condition:G4}y²)/2, condition number {condition:G4}";
        return Elementwise(new("quadratic", title, (x, y) => 0.5f * (x.Square() + kappa * y.Square()),
            (-4, 1.5), (0, 0), (-5, 5), (-2.5, 2.5), logContours: true));
    }

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

    /// <summary>
    /// A surface whose loss works element by element, so that it evaluates many points in one call with the same
    /// float operations, and so the same numbers, as at one point.
    /// </summary>
    private static LossSurface Elementwise(LossSurface surface) => new(surface.Name, surface.Title, surface.Loss, surface.Start, surface.Minimum,
        surface.XRange, surface.YRange, surface.XLabel, surface.YLabel, surface.LogContours)
    {
        Minima = surface.Minima,
        SaddlePoint = surface.SaddlePoint,
        Pointwise = surface.Loss,
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
