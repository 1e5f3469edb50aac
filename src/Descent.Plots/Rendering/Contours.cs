using ScottPlot;

namespace Descent.Plots.Rendering;

/// <summary>
/// A function sampled on a regular grid, its contour levels and the contour lines at those levels, in ScottPlot's
/// coordinates. The geometry is <see cref="ContourGrid"/>, which the explorer page compiles and draws too.
/// </summary>
internal sealed class Contours
{
    private readonly ContourGrid _grid;

    private Contours(ContourGrid grid) => _grid = grid;

    /// <summary>The grid's x coordinates, ascending.</summary>
    public double[] Xs => _grid.Xs;

    /// <summary>The grid's y coordinates, ascending.</summary>
    public double[] Ys => _grid.Ys;

    /// <summary>The function's values, indexed [y, x].</summary>
    public double[,] Values => _grid.Values;

    /// <summary>The smallest value on the grid.</summary>
    public double Min => _grid.Min;

    /// <summary>The largest value on the grid.</summary>
    public double Max => _grid.Max;

    /// <summary>Evaluates <paramref name="function"/> at <paramref name="resolution"/>² grid points.</summary>
    /// <exception cref="ArgumentException">The function returned NaN or an infinity somewhere on the grid.</exception>
    public static Contours Sample(
        Func<double, double, double> function, (double Min, double Max) x, (double Min, double Max) y, int resolution) =>
        new(ContourGrid.Sample(function, x, y, resolution));

    /// <summary>Chooses <paramref name="count"/> contour levels, ascending.</summary>
    public double[] Levels(ContourSpacing spacing, int count) => _grid.Levels(spacing == ContourSpacing.Logarithmic, count);

    /// <summary>The background shade of every grid point, in [0, 1] (see <see cref="ContourGrid.Shade"/>).</summary>
    public double[,] Shade(ContourSpacing spacing, double[] levels) => _grid.Shade(spacing == ContourSpacing.Logarithmic, levels);

    /// <summary>The contour line at <paramref name="level"/> as segments, one or two per grid cell it crosses.</summary>
    public List<CoordinateLine> Trace(double level) =>
        _grid.Trace(level).Select(s => new CoordinateLine(s.A.X, s.A.Y, s.B.X, s.B.Y)).ToList();
}
