using ScottPlot;
using ScottPlot.Plottables;

namespace Descent.Plots.Rendering;

/// <summary>The look shared by every figure: colours, markers, font sizes and the legend's place.</summary>
internal static class FigureStyle
{
    // Markers on a subset of a long series: enough to identify it, few enough that the line stays a line.
    private const int MarkedPointsOnLongSeries = 20;

    /// <summary>
    /// The Okabe–Ito palette, which stays distinguishable under the common forms of colour blindness. Its yellow is
    /// left out (too faint on white) and so is its black, which the figures keep for reference lines and markers.
    /// </summary>
    private static readonly Color[] s_palette = Color.FromHex(
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]);

    /// <summary>
    /// Marker shapes that tell apart series sharing a colour once the palette has run out. Dash patterns would be
    /// the usual answer, but SkiaSharp's SVG output drops them (and prints a warning), so figures use none.
    /// </summary>
    private static readonly MarkerShape[] s_extraMarkers =
        [MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond, MarkerShape.Eks, MarkerShape.Cross];

    /// <summary>The colour for reference lines and for markers that explain the legend.</summary>
    public static Color Ink { get; } = Color.FromHex("#222222");

    /// <summary>The colour of the <paramref name="index"/>-th series.</summary>
    public static Color SeriesColor(int index) => s_palette[index % s_palette.Length];

    /// <summary>
    /// Adds one data series as a line in the <paramref name="index"/>-th colour with its legend entry. From the
    /// seventh series on, colours repeat and a marker shape tells the series apart.
    /// </summary>
    /// <param name="plot">The plot to add to.</param>
    /// <param name="xs">The x coordinates.</param>
    /// <param name="ys">The y coordinates.</param>
    /// <param name="index">The series' place in the figure, which picks its colour and marker.</param>
    /// <param name="label">The legend text.</param>
    /// <param name="dotSize">The size of a dot on every point, or 0 for none.</param>
    /// <param name="connect">How consecutive points are joined.</param>
    /// <param name="width">The line width in pixels.</param>
    public static Scatter AddSeries(
        Plot plot, double[] xs, double[] ys, int index, string label, float dotSize = 0,
        ConnectStyle connect = ConnectStyle.Straight, float width = 2)
    {
        Color color = SeriesColor(index);
        Scatter line = plot.Add.ScatterLine(xs, ys, color);
        line.LineWidth = width;
        line.ConnectStyle = connect;
        line.MarkerShape = MarkerShape.None;

        MarkerShape shape = dotSize > 0 ? MarkerShape.FilledCircle : MarkerShape.None;
        float size = dotSize;
        int stride = 1;
        if (index >= s_palette.Length)
        {
            shape = s_extraMarkers[(index / s_palette.Length - 1) % s_extraMarkers.Length];
            size = Math.Max(dotSize, 7);
            stride = Math.Max(1, (int)Math.Ceiling(xs.Length / (double)MarkedPointsOnLongSeries));
        }
        if (shape != MarkerShape.None)
        {
            double[] mx = xs.Where((_, i) => i % stride == 0).ToArray();
            double[] my = ys.Where((_, i) => i % stride == 0).ToArray();
            Markers markers = plot.Add.Markers(mx, my, shape, size, color);
            markers.MarkerLineWidth = 1.5f;
        }
        // The entry is written by hand so that it shows the marker even when only some points carry one.
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = label,
            LineColor = color,
            LineWidth = width,
            MarkerShape = shape,
            MarkerSize = size,
            MarkerColor = color,
            MarkerLineWidth = 1.5f,
        });
        return line;
    }

    /// <summary>Creates an empty plot with the figures' font, sizes and grid.</summary>
    public static Plot CreatePlot()
    {
        var plot = new Plot();
        if (FigureFonts.Family is string family)
        {
            plot.Font.Set(family);
        }
        plot.Axes.Title.Label.FontSize = 18;
        plot.Axes.Title.Label.Bold = false;
        foreach (IAxis axis in plot.Axes.GetAxes())
        {
            axis.Label.FontSize = 15;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = 12;
        }
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        plot.Legend.FontSize = 13;
        if (FigureFonts.Family is string legendFamily)
        {
            plot.Legend.FontName = legendFamily;
        }
        plot.Legend.SetBestFontOnEachRender = false;
        return plot;
    }

    /// <summary>Places the legend outside the data area, where it can never hide a curve.</summary>
    public static void ShowLegendOutside(Plot plot, Edge edge = Edge.Bottom)
    {
        plot.ShowLegend(edge);
        plot.Legend.OutlineColor = Colors.Transparent;
        plot.Legend.BackgroundColor = Colors.Transparent;
        plot.Legend.ShadowColor = Colors.Transparent;
    }

    /// <summary>Adds a legend entry for a plain line, in the order entries are added.</summary>
    public static void AddLineKey(Plot plot, string label, Color color, float width = 2)
    {
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, LineColor = color, LineWidth = width });
    }

    /// <summary>Adds a legend entry that explains a marker, drawn in <see cref="Ink"/>.</summary>
    public static void AddMarkerKey(Plot plot, string label, MarkerShape shape, float size = 9)
    {
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = label,
            MarkerShape = shape,
            MarkerSize = size,
            MarkerColor = Ink,
            MarkerLineWidth = 1.5f,
            LineWidth = 0,
        });
    }
}
