namespace Descent.Plots;

/// <summary>
/// A function of two parameters sampled on a regular grid, its contour levels and the contour lines at those
/// levels: the geometry of a contour plot. It depends on nothing but the base library, so that the explorer page
/// (Descent.Explorer) compiles this same file and draws the same levels as the figures.
/// </summary>
public sealed class ContourGrid
{
    // Levels run between these quantiles of the grid values, so that neither a single deep point nor the far corners
    // of a steep surface decide where all the lines go.
    private const double LowQuantile = 0.01;
    private const double HighQuantile = 0.99;

    // The values row by row: the explorer runs this code in the browser's interpreter, where LINQ over a boxed
    // two-dimensional array costs seconds; plain loops over one array compute the same numbers in milliseconds.
    private readonly double[] _flat;

    private ContourGrid(double[] xs, double[] ys, double[,] values)
    {
        Xs = xs;
        Ys = ys;
        Values = values;
        _flat = new double[values.Length];
        int k = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            _flat[k++] = v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        Min = min;
        Max = max;
    }

    /// <summary>The grid's x coordinates, ascending.</summary>
    public double[] Xs { get; }

    /// <summary>The grid's y coordinates, ascending.</summary>
    public double[] Ys { get; }

    /// <summary>The function's values, indexed [y, x].</summary>
    public double[,] Values { get; }

    /// <summary>The smallest value on the grid.</summary>
    public double Min { get; }

    /// <summary>The largest value on the grid.</summary>
    public double Max { get; }

    /// <summary>A grid of values computed elsewhere, indexed [y, x] over <paramref name="xs"/> × <paramref name="ys"/>.</summary>
    /// <exception cref="ArgumentException">The shapes disagree, or a value is NaN or an infinity.</exception>
    public static ContourGrid FromValues(double[] xs, double[] ys, double[,] values)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetLength(0) != ys.Length || values.GetLength(1) != xs.Length || xs.Length < 2 || ys.Length < 2)
        {
            throw new ArgumentException($"A grid of {values.GetLength(0)} × {values.GetLength(1)} values does not fit {ys.Length} y and {xs.Length} x coordinates.", nameof(values));
        }
        for (int i = 0; i < ys.Length; i++)
        {
            for (int j = 0; j < xs.Length; j++)
            {
                CheckFinite(values[i, j], xs[j], ys[i]);
            }
        }
        return new ContourGrid(xs, ys, values);
    }

    /// <summary><paramref name="count"/> evenly spaced coordinates from <paramref name="min"/> to <paramref name="max"/>, as <see cref="Sample"/> uses.</summary>
    public static double[] Axis(double min, double max, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        return Spaced(min, max, count);
    }

    /// <summary>Evaluates <paramref name="function"/> at <paramref name="resolution"/>² grid points.</summary>
    /// <exception cref="ArgumentException">The function returned NaN or an infinity somewhere on the grid.</exception>
    public static ContourGrid Sample(
        Func<double, double, double> function, (double Min, double Max) x, (double Min, double Max) y, int resolution)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        double[] xs = Spaced(x.Min, x.Max, resolution);
        double[] ys = Spaced(y.Min, y.Max, resolution);
        var values = new double[resolution, resolution];
        for (int i = 0; i < resolution; i++)
        {
            for (int j = 0; j < resolution; j++)
            {
                double z = function(xs[j], ys[i]);
                CheckFinite(z, xs[j], ys[i]);
                values[i, j] = z;
            }
        }
        return new ContourGrid(xs, ys, values);
    }

    /// <summary>Chooses <paramref name="count"/> contour levels, ascending: geometric above the minimum when <paramref name="logarithmic"/>, else equal steps.</summary>
    public double[] Levels(bool logarithmic, int count)
    {
        if (Max - Min <= 0)
        {
            return [];
        }
        var offsets = new double[_flat.Length];
        for (int i = 0; i < offsets.Length; i++)
        {
            offsets[i] = _flat[i] - Min;
        }
        Array.Sort(offsets);
        double high = Quantile(offsets, HighQuantile);
        if (logarithmic)
        {
            int zeros = Array.FindIndex(offsets, d => d > 0) is var first and >= 0 ? first : offsets.Length;
            double low = Quantile(offsets[zeros..], LowQuantile);
            if (low > 0 && high > low * 1.5)
            {
                double ratio = Math.Pow(high / low, 1.0 / (count - 1));
                return Enumerable.Range(0, count).Select(k => Min + low * Math.Pow(ratio, k)).ToArray();
            }
        }
        double top = high > 0 ? high : Max - Min;
        return Enumerable.Range(1, count).Select(k => Min + top * k / (count + 1)).ToArray();
    }

    /// <summary>
    /// The background shade of every grid point, in [0, 1]: the log of the height above the minimum for
    /// log-spaced levels, so that the shading changes as evenly as the lines do.
    /// </summary>
    public double[,] Shade(bool logarithmic, double[] levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        int rows = Values.GetLength(0), cols = Values.GetLength(1);
        double floor = levels.Length > 0 ? Math.Max(levels[0] - Min, 0) : 0;
        Func<double, double> transform = logarithmic && floor > 0
            ? v => Math.Log10(v - Min + floor)
            : v => v;
        var shade = new double[rows, cols];
        double lo = transform(Min), hi = transform(Max);
        double span = hi > lo ? hi - lo : 1;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                shade[i, j] = (transform(Values[i, j]) - lo) / span;
            }
        }
        return shade;
    }

    /// <summary>The contour line at <paramref name="level"/> as segments, one or two per grid cell it crosses.</summary>
    /// <remarks>
    /// Marching squares. A cell whose corners alternate above and below the level (a saddle) is resolved by the
    /// value at its centre: the segments cut off the corners on the other side from the centre.
    /// </remarks>
    public List<ContourSegment> Trace(double level)
    {
        var segments = new List<ContourSegment>();
        int rows = Values.GetLength(0), cols = Values.GetLength(1);
        Span<(double X, double Y)> edge = stackalloc (double, double)[4];
        Span<bool> crossed = stackalloc bool[4];
        for (int i = 0; i < rows - 1; i++)
        {
            for (int j = 0; j < cols - 1; j++)
            {
                // Corners counter-clockwise from bottom-left; edge k joins corner k and corner k + 1.
                int at = i * cols + j;
                double z0 = _flat[at], z1 = _flat[at + 1], z2 = _flat[at + cols + 1], z3 = _flat[at + cols];
                bool a0 = z0 >= level, a1 = z1 >= level, a2 = z2 >= level, a3 = z3 >= level;
                if (a0 == a1 && a1 == a2 && a2 == a3)
                {
                    continue;
                }
                double x0 = Xs[j], x1 = Xs[j + 1], y0 = Ys[i], y1 = Ys[i + 1];
                crossed[0] = Cross(a0, a1, z0, z1, level, x0, y0, x1, y0, out edge[0]);
                crossed[1] = Cross(a1, a2, z1, z2, level, x1, y0, x1, y1, out edge[1]);
                crossed[2] = Cross(a2, a3, z2, z3, level, x1, y1, x0, y1, out edge[2]);
                crossed[3] = Cross(a3, a0, z3, z0, level, x0, y1, x0, y0, out edge[3]);
                if (a0 == a2 && a1 == a3)
                {
                    bool centre = (z0 + z1 + z2 + z3) / 4 >= level;
                    // Corner k lies between edges k - 1 and k.
                    if (a0 != centre)
                    {
                        segments.Add(new ContourSegment(edge[3], edge[0]));
                        segments.Add(new ContourSegment(edge[1], edge[2]));
                    }
                    else
                    {
                        segments.Add(new ContourSegment(edge[0], edge[1]));
                        segments.Add(new ContourSegment(edge[2], edge[3]));
                    }
                    continue;
                }
                (double X, double Y)? first = null;
                for (int k = 0; k < 4; k++)
                {
                    if (!crossed[k])
                    {
                        continue;
                    }
                    if (first is { } start)
                    {
                        segments.Add(new ContourSegment(start, edge[k]));
                        break;
                    }
                    first = edge[k];
                }
            }
        }
        return segments;
    }

    private static bool Cross(
        bool aboveA, bool aboveB, double za, double zb, double level,
        double xa, double ya, double xb, double yb, out (double X, double Y) point)
    {
        if (aboveA == aboveB)
        {
            point = default;
            return false;
        }
        double t = (level - za) / (zb - za);
        point = (xa + t * (xb - xa), ya + t * (yb - ya));
        return true;
    }

    private static void CheckFinite(double z, double x, double y)
    {
        if (!double.IsFinite(z))
        {
            throw new ArgumentException($"The surface is {z} at ({x}, {y}); it must be finite over the whole plotted range.", "surface");
        }
    }

    private static double[] Spaced(double min, double max, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = min + (max - min) * i / (count - 1);
        }
        return values;
    }

    private static double Quantile(double[] sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
