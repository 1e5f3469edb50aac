using Descent.Plots.Rendering;
using ScottPlot;
using ScottPlot.Plottables;

namespace Descent.Plots;

/// <summary>
/// Optimizer paths on a two-parameter loss surface: the surface as shading with contour lines, each path as a line
/// through its iterates with a marker at its start and its end, and the minimum marked.
/// </summary>
/// <example>
/// <code>
/// var figure = new TrajectoryPlot("Rosenbrock, 200 steps", rosenbrock,
///     [new TrajectorySeries("SGD", sgdPoints), new TrajectorySeries("Adam", adamPoints)], xLabel: "x", yLabel: "y");
/// </code>
/// </example>
public sealed class TrajectoryPlot : Figure
{
    // Beyond this many iterates, a dot on each would hide the path's line.
    private const int MaxPointsWithDots = 150;

    // Paths drawn earlier are wider, so that where optimizers follow the same valley every colour still shows as
    // a stripe instead of the last path hiding the others.
    private const float TopPathWidth = 2f;
    private const float WidthStep = 1.25f;
    private const float MaxPathWidth = 5.75f;

    // Width over height beyond which an equally scaled surface is better served by a legend below it.
    private const double WideSurface = 1.25;

    // Pale, so that the paths' colours stay the strongest thing on the page: low loss white, high loss grey-blue.
    private static readonly IColormap s_shading =
        new ScottPlot.Colormaps.CustomInterpolated(Color.FromHex(["#FFFFFF", "#E3E9F0", "#B9C6D3"]));

    private readonly Contours _grid;
    private readonly double[] _levels;

    /// <summary>Creates the figure, evaluating the surface on its grid.</summary>
    /// <param name="title">The figure's title.</param>
    /// <param name="surface">The loss surface, its range and its minimum.</param>
    /// <param name="trajectories">The paths, drawn in the palette's order.</param>
    /// <param name="xLabel">The x-axis label: the first parameter, e.g. <c>intercept</c>.</param>
    /// <param name="yLabel">The y-axis label: the second parameter, e.g. <c>slope</c>.</param>
    /// <param name="equalScale">
    /// Whether one unit is as long on both axes, so that a gradient step crosses the contour lines at the angle it
    /// does in the problem; turn it off for parameters on very different scales, which would leave a thin sliver.
    /// </param>
    /// <exception cref="ArgumentException">
    /// No trajectory; one without points or with a NaN or infinite point; two with the same label; a surface that is
    /// not finite somewhere on its range.
    /// </exception>
    public TrajectoryPlot(
        string title,
        ContourSurface surface,
        IReadOnlyList<TrajectorySeries> trajectories,
        string xLabel = "x",
        string yLabel = "y",
        bool equalScale = true)
        : base(title)
    {
        ArgumentNullException.ThrowIfNull(surface);
        Check.NotEmpty(trajectories, nameof(trajectories), "trajectory");
        Check.NotBlank(xLabel, nameof(xLabel));
        Check.NotBlank(yLabel, nameof(yLabel));
        foreach (TrajectorySeries t in trajectories)
        {
            Validate(t, nameof(trajectories));
        }
        Check.DistinctLabels(trajectories.Select(t => t.Label), nameof(trajectories));
        Surface = surface;
        // Copies, so that changing the caller's lists later cannot slip unchecked points into the figure.
        Trajectories = trajectories.Select(t => new TrajectorySeries(t.Label, t.Points.ToArray())).ToArray();
        XLabel = xLabel;
        YLabel = yLabel;
        EqualScale = equalScale;
        _grid = Contours.Sample(surface.Function, surface.X, surface.Y, surface.Resolution);
        _levels = _grid.Levels(surface.Spacing, surface.Levels);
    }

    /// <summary>The loss surface drawn beneath the paths.</summary>
    public ContourSurface Surface { get; }

    /// <summary>The paths, in drawing order.</summary>
    public IReadOnlyList<TrajectorySeries> Trajectories { get; }

    /// <summary>The x-axis label.</summary>
    public string XLabel { get; }

    /// <summary>The y-axis label.</summary>
    public string YLabel { get; }

    /// <summary>Whether one unit is as long on both axes.</summary>
    public bool EqualScale { get; }

    /// <summary>The loss values at which contour lines are drawn, ascending.</summary>
    internal IReadOnlyList<double> Levels => _levels;

    private protected override IReadOnlyList<FigurePanel> CreatePanels()
    {
        Plot plot = FigureStyle.CreatePlot();
        AddSurface(plot);
        for (int i = 0; i < Trajectories.Count; i++)
        {
            float width = Math.Min(MaxPathWidth, TopPathWidth + WidthStep * (Trajectories.Count - 1 - i));
            AddTrajectory(plot, Trajectories[i], i, width);
        }
        FigureStyle.AddMarkerKey(plot, "start", MarkerShape.OpenCircle, 10);
        FigureStyle.AddMarkerKey(plot, "end", MarkerShape.FilledSquare, 8);
        if (Trajectories.Any(t => Clip(t.Points, Surface.X, Surface.Y).Left))
        {
            FigureStyle.AddMarkerKey(plot, "left the plotted region", MarkerShape.FilledTriangleUp, 10);
        }
        (double X, double Y)[] minima = [.. Surface.Minimum is { } m ? [m] : Array.Empty<(double, double)>(), .. Surface.OtherMinima];
        foreach ((double x, double y) in minima)
        {
            Marker marker = plot.Add.Marker(x, y, MarkerShape.Eks, 14, FigureStyle.Ink);
            marker.MarkerLineWidth = 2.5f;
        }
        if (minima.Length > 0)
        {
            FigureStyle.AddMarkerKey(plot, minima.Length > 1 && Surface.MinimumLabel == "minimum" ? "minima" : Surface.MinimumLabel, MarkerShape.Eks, 11);
        }
        if (Surface.SaddlePoint is { } saddle)
        {
            Marker marker = plot.Add.Marker(saddle.X, saddle.Y, MarkerShape.OpenDiamond, 14, FigureStyle.Ink);
            marker.MarkerLineWidth = 2.5f;
            FigureStyle.AddMarkerKey(plot, "saddle point", MarkerShape.OpenDiamond, 11);
        }

        plot.Title(Title);
        plot.XLabel(XLabel);
        plot.YLabel(YLabel);
        plot.Axes.SetLimits(Surface.X.Min, Surface.X.Max, Surface.Y.Min, Surface.Y.Max);
        double? aspect = EqualScale ? (Surface.X.Max - Surface.X.Min) / (Surface.Y.Max - Surface.Y.Min) : null;
        // A wide surface keeps the width for itself and puts the legend below; others leave it room on the right.
        FigureStyle.ShowLegendOutside(plot, aspect > WideSurface ? Edge.Bottom : Edge.Right);
        return [new FigurePanel(plot, DataAspect: aspect)];
    }

    private void AddSurface(Plot plot)
    {
        double[,] shade = _grid.Shade(Surface.Spacing, _levels);
        int rows = shade.GetLength(0), cols = shade.GetLength(1);
        // Heatmap rows run top to bottom, the grid's rows bottom to top.
        var intensities = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                intensities[rows - 1 - i, j] = shade[i, j];
            }
        }
        Heatmap heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = s_shading;
        heatmap.Smooth = true;
        // Cells are centred on the grid points, so the image reaches half a cell past the first and last point.
        double dx = (Surface.X.Max - Surface.X.Min) / (cols - 1);
        double dy = (Surface.Y.Max - Surface.Y.Min) / (rows - 1);
        heatmap.Extent = new CoordinateRect(
            Surface.X.Min - dx / 2, Surface.X.Max + dx / 2, Surface.Y.Min - dy / 2, Surface.Y.Max + dy / 2);

        var segments = new List<CoordinateLine>();
        foreach (double level in _levels)
        {
            segments.AddRange(_grid.Trace(level));
        }
        plot.Add.Plottable(new LineSegments(segments, Color.FromHex("#5A6B7B").WithAlpha(0.55), 1f));
    }

    private void AddTrajectory(Plot plot, TrajectorySeries trajectory, int index, float width)
    {
        (IReadOnlyList<(double X, double Y)> points, bool left) = Clip(trajectory.Points, Surface.X, Surface.Y);
        double[] xs = points.Select(p => p.X).ToArray();
        double[] ys = points.Select(p => p.Y).ToArray();
        Color color = FigureStyle.SeriesColor(index);
        float dots = xs.Length <= MaxPointsWithDots ? width + 2 : 0;
        FigureStyle.AddSeries(plot, xs, ys, index, trajectory.Label, dots, width: width);

        Marker start = plot.Add.Marker(xs[0], ys[0], MarkerShape.OpenCircle, 12, color);
        start.MarkerLineWidth = 2.5f;
        plot.Add.Marker(xs[^1], ys[^1], left ? MarkerShape.FilledTriangleUp : MarkerShape.FilledSquare, left ? 12 : 10, color);
    }

    /// <summary>
    /// The part of a path inside the plotted region: its points up to the first one outside, then the point where
    /// the segment to it crosses the border (a path that starts outside keeps its start, moved onto the border).
    /// <c>Left</c> tells whether the path left the region, so that a diverging path never paints over the contours.
    /// </summary>
    internal static (IReadOnlyList<(double X, double Y)> Points, bool Left) Clip(
        IReadOnlyList<(double X, double Y)> path, (double Min, double Max) x, (double Min, double Max) y)
    {
        bool Inside((double X, double Y) p) => p.X >= x.Min && p.X <= x.Max && p.Y >= y.Min && p.Y <= y.Max;
        int outside = -1;
        for (int i = 0; i < path.Count && outside < 0; i++)
        {
            outside = Inside(path[i]) ? -1 : i;
        }
        if (outside < 0)
        {
            return (path, false);
        }
        if (outside == 0)
        {
            return ([(Math.Clamp(path[0].X, x.Min, x.Max), Math.Clamp(path[0].Y, y.Min, y.Max))], true);
        }
        (double ax, double ay) = path[outside - 1];
        (double bx, double by) = path[outside];
        // The largest fraction t of the segment a → b that stays within every border.
        double t = 1;
        t = Math.Min(t, Fraction(ax, bx, x.Min, x.Max));
        t = Math.Min(t, Fraction(ay, by, y.Min, y.Max));
        var kept = new List<(double X, double Y)>(outside + 1);
        for (int i = 0; i < outside; i++)
        {
            kept.Add(path[i]);
        }
        kept.Add((ax + t * (bx - ax), ay + t * (by - ay)));
        return (kept, true);
    }

    private static double Fraction(double a, double b, double min, double max) =>
        b > max ? (max - a) / (b - a) : b < min ? (min - a) / (b - a) : 1;

    private static void Validate(TrajectorySeries t, string paramName)
    {
        Check.Series(t, x => x.Label, x => x.Points?.Count, "trajectory", l => $"Trajectory '{l}' has no points; it needs at least the start.", paramName);
        for (int i = 0; i < t.Points.Count; i++)
        {
            (double x, double y) = t.Points[i];
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                throw new ArgumentException(
                    $"Trajectory '{t.Label}': point {i} is ({x}, {y}); only finite points can be plotted.", paramName);
            }
        }
    }
}
