using ScottPlot;
using SkiaSharp;

namespace Descent.Plots.Rendering;

/// <summary>Many unconnected straight segments drawn as one path, such as the pieces of contour lines.</summary>
internal sealed class LineSegments : IPlottable
{
    private readonly IReadOnlyList<CoordinateLine> _segments;

    /// <summary>Creates the plottable.</summary>
    public LineSegments(IReadOnlyList<CoordinateLine> segments, Color color, float width)
    {
        _segments = segments;
        Color = color;
        Width = width;
    }

    /// <summary>The stroke colour.</summary>
    public Color Color { get; }

    /// <summary>The stroke width in pixels.</summary>
    public float Width { get; }

    /// <inheritdoc/>
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc/>
    public IAxes Axes { get; set; } = new Axes();

    /// <inheritdoc/>
    public IEnumerable<LegendItem> LegendItems => [];

    /// <inheritdoc/>
    public AxisLimits GetAxisLimits()
    {
        if (_segments.Count == 0)
        {
            return AxisLimits.NoLimits;
        }
        double left = double.PositiveInfinity, right = double.NegativeInfinity;
        double bottom = double.PositiveInfinity, top = double.NegativeInfinity;
        foreach (CoordinateLine s in _segments)
        {
            left = Math.Min(left, Math.Min(s.X1, s.X2));
            right = Math.Max(right, Math.Max(s.X1, s.X2));
            bottom = Math.Min(bottom, Math.Min(s.Y1, s.Y2));
            top = Math.Max(top, Math.Max(s.Y1, s.Y2));
        }
        return new AxisLimits(left, right, bottom, top);
    }

    /// <inheritdoc/>
    public void Render(RenderPack rp)
    {
        using var path = new SKPath();
        foreach (CoordinateLine s in _segments)
        {
            Pixel a = Axes.GetPixel(s.Start);
            Pixel b = Axes.GetPixel(s.End);
            path.MoveTo(a.X, a.Y);
            path.LineTo(b.X, b.Y);
        }
        using var paint = new SKPaint
        {
            Color = new SKColor(Color.R, Color.G, Color.B, Color.A),
            IsStroke = true,
            StrokeWidth = Width,
            IsAntialias = true,
            StrokeCap = SKStrokeCap.Round,
        };
        rp.Canvas.DrawPath(path, paint);
    }
}
