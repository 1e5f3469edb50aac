namespace Descent.Plots;

/// <summary>
/// A loss over two parameters as a <see cref="TrajectoryPlot"/> draws it: the function, the range, where the minimum
/// lies and how the contour lines are spaced.
/// </summary>
/// <remarks>
/// The function is evaluated when a <see cref="TrajectoryPlot"/> is built from the surface.
/// Any surface given as a function converts directly, such as the training layer's example surfaces:
/// <c>new ContourSurface(s.Evaluate, s.XRange, s.YRange, s.Minimum, s.LogContours ? ContourSpacing.Logarithmic : ContourSpacing.Linear)</c>.
/// </remarks>
/// <example>
/// <code>
/// var rosenbrock = new ContourSurface((x, y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x),
///     x: (-2, 2), y: (-1, 3), minimum: (1, 1));
/// </code>
/// </example>
/// <param name="function">The loss at (x, y); it must be finite over the whole range.</param>
/// <param name="x">The x range drawn, which is also the x-axis range.</param>
/// <param name="y">The y range drawn, which is also the y-axis range.</param>
/// <param name="minimum">Where to mark the minimum, if known.</param>
/// <param name="spacing">How the contour levels are spaced.</param>
/// <param name="levels">How many contour lines to draw, from 2 to 100.</param>
/// <param name="resolution">Grid points per axis at which the function is evaluated, from 10 to 1000.</param>
/// <param name="minimumLabel">The legend's name for the marked point, e.g. <c>saddle point</c>.</param>
/// <exception cref="ArgumentException">
/// A range that is empty, reversed or not finite, or a minimum that is not finite.
/// </exception>
/// <exception cref="ArgumentOutOfRangeException">Levels or resolution out of range.</exception>
public sealed class ContourSurface(
    Func<double, double, double> function,
    (double Min, double Max) x,
    (double Min, double Max) y,
    (double X, double Y)? minimum = null,
    ContourSpacing spacing = ContourSpacing.Logarithmic,
    int levels = 14,
    int resolution = 200,
    string minimumLabel = "minimum")
{
    /// <summary>The loss at (x, y).</summary>
    public Func<double, double, double> Function { get; } = function ?? throw new ArgumentNullException(nameof(function));

    /// <summary>The x range drawn.</summary>
    public (double Min, double Max) X { get; } = CheckRange(x, nameof(x));

    /// <summary>The y range drawn.</summary>
    public (double Min, double Max) Y { get; } = CheckRange(y, nameof(y));

    /// <summary>Where the minimum is marked, if anywhere.</summary>
    public (double X, double Y)? Minimum { get; } = CheckPoint(minimum, nameof(minimum));

    /// <summary>How the contour levels are spaced.</summary>
    public ContourSpacing Spacing { get; } = spacing;

    /// <summary>How many contour lines are drawn.</summary>
    public int Levels { get; } = CheckBetween(levels, 2, 100, nameof(levels));

    /// <summary>Grid points per axis.</summary>
    public int Resolution { get; } = CheckBetween(resolution, 10, 1000, nameof(resolution));

    /// <summary>The legend's name for the marked point.</summary>
    public string MinimumLabel { get; } = Check.NotBlank(minimumLabel, nameof(minimumLabel));

    /// <summary>Further minima, marked like <see cref="Minimum"/> (a surface with two valleys has two).</summary>
    public IReadOnlyList<(double X, double Y)> OtherMinima { get; init; } = [];

    /// <summary>A saddle point to mark, with its own marker, or null.</summary>
    public (double X, double Y)? SaddlePoint { get; init; }

    private static (double Min, double Max) CheckRange((double Min, double Max) range, string paramName)
    {
        if (!(double.IsFinite(range.Min) && double.IsFinite(range.Max) && range.Min < range.Max))
        {
            throw new ArgumentException(
                $"The range ({range.Min}, {range.Max}) must be finite with Min below Max.", paramName);
        }
        return range;
    }

    private static (double X, double Y)? CheckPoint((double X, double Y)? point, string paramName)
    {
        if (point is { } p && !(double.IsFinite(p.X) && double.IsFinite(p.Y)))
        {
            throw new ArgumentException($"The minimum ({p.X}, {p.Y}) must be a finite point.", paramName);
        }
        return point;
    }

    private static int CheckBetween(int value, int min, int max, string paramName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min, paramName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max, paramName);
        return value;
    }
}
