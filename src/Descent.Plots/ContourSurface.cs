namespace Descent.Plots;

/// <summary>
/// A loss over two parameters as a <see cref="TrajectoryPlot"/> draws it: the function, the range, where the minimum
/// lies and how the contour lines are spaced.
/// </summary>
/// <remarks>
/// Any surface given as a function converts directly, such as the training layer's example surfaces:
/// <c>new ContourSurface(s.Evaluate, s.XRange, s.YRange, s.Minimum, s.LogContours ? ContourSpacing.Logarithmic : ContourSpacing.Linear)</c>.
/// </remarks>
/// <example>
/// <code>
/// var rosenbrock = new ContourSurface((x, y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x),
///     x: (-2, 2), y: (-1, 3), minimum: (1, 1));
/// </code>
/// </example>
public sealed class ContourSurface
{
    /// <summary>Describes the surface; the function is evaluated when a <see cref="TrajectoryPlot"/> is built from it.</summary>
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
    public ContourSurface(
        Func<double, double, double> function,
        (double Min, double Max) x,
        (double Min, double Max) y,
        (double X, double Y)? minimum = null,
        ContourSpacing spacing = ContourSpacing.Logarithmic,
        int levels = 14,
        int resolution = 200,
        string minimumLabel = "minimum")
    {
        ArgumentNullException.ThrowIfNull(function);
        CheckRange(x, nameof(x));
        CheckRange(y, nameof(y));
        if (minimum is { } m && !(double.IsFinite(m.X) && double.IsFinite(m.Y)))
        {
            throw new ArgumentException($"The minimum ({m.X}, {m.Y}) must be a finite point.", nameof(minimum));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(levels, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 10);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(resolution, 1000);
        Check.NotBlank(minimumLabel, nameof(minimumLabel));
        Function = function;
        X = x;
        Y = y;
        Minimum = minimum;
        Spacing = spacing;
        Levels = levels;
        Resolution = resolution;
        MinimumLabel = minimumLabel;
    }

    /// <summary>The loss at (x, y).</summary>
    public Func<double, double, double> Function { get; }

    /// <summary>The x range drawn.</summary>
    public (double Min, double Max) X { get; }

    /// <summary>The y range drawn.</summary>
    public (double Min, double Max) Y { get; }

    /// <summary>Where the minimum is marked, if anywhere.</summary>
    public (double X, double Y)? Minimum { get; }

    /// <summary>How the contour levels are spaced.</summary>
    public ContourSpacing Spacing { get; }

    /// <summary>How many contour lines are drawn.</summary>
    public int Levels { get; }

    /// <summary>Grid points per axis.</summary>
    public int Resolution { get; }

    /// <summary>The legend's name for the marked point.</summary>
    public string MinimumLabel { get; }

    /// <summary>Further minima, marked like <see cref="Minimum"/> (a surface with two valleys has two).</summary>
    public IReadOnlyList<(double X, double Y)> OtherMinima { get; init; } = [];

    /// <summary>A saddle point to mark, with its own marker, or null.</summary>
    public (double X, double Y)? SaddlePoint { get; init; }

    private static void CheckRange((double Min, double Max) range, string paramName)
    {
        if (!(double.IsFinite(range.Min) && double.IsFinite(range.Max) && range.Min < range.Max))
        {
            throw new ArgumentException(
                $"The range ({range.Min}, {range.Max}) must be finite with Min below Max.", paramName);
        }
    }
}
