using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace Descent.Plots.Rendering;

/// <summary>Draws a figure's panels, stacked top to bottom, onto a PNG or SVG canvas.</summary>
internal static partial class FigureRenderer
{
    /// <summary>Renders the panels to the bytes of a PNG file.</summary>
    public static byte[] RenderPng(IReadOnlyList<FigurePanel> panels, int width, int height)
    {
        FigureFonts.EnsureAvailable();
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException($"Skia could not allocate a {width}x{height} image.");
        Draw(surface.Canvas, panels, width, height);
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Renders the panels to the text of an SVG document.</summary>
    public static string RenderSvg(IReadOnlyList<FigurePanel> panels, int width, int height)
    {
        FigureFonts.EnsureAvailable();
        using var stream = new SKDynamicMemoryWStream();
        // The SVG canvas writes its closing tag only when disposed, so it must be gone before the stream is read.
        using (SKCanvas canvas = SKSvgCanvas.Create(SKRect.Create(width, height), stream))
        {
            Draw(canvas, panels, width, height);
        }
        using SKData data = stream.DetachAsData();
        return RenumberIds(Encoding.UTF8.GetString(data.AsSpan()));
    }

    /// <summary>
    /// Skia names clip paths and images from a counter shared by the whole process, so the same figure would get
    /// other ids on every render; numbering them by first appearance makes the SVG depend on the figure alone.
    /// </summary>
    private static string RenumberIds(string svg)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in IdAttribute().Matches(svg))
        {
            ids.TryAdd(m.Groups[1].Value, $"d{ids.Count}");
        }
        if (ids.Count == 0)
        {
            return svg;
        }
        return IdOrReference().Replace(svg, m =>
        {
            Group id = m.Groups["id"];
            return ids.TryGetValue(id.Value, out string? renamed)
                ? string.Concat(m.Value.AsSpan(0, id.Index - m.Index), renamed, m.Value.AsSpan(id.Index - m.Index + id.Length))
                : m.Value;
        });
    }

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"\bid=""(?<id>[^""]+)""|url\(#(?<id>[^)]+)\)|href=""#(?<id>[^""]+)""")]
    private static partial Regex IdOrReference();

    private static void Draw(SKCanvas canvas, IReadOnlyList<FigurePanel> panels, int width, int height)
    {
        canvas.Clear(SKColors.White);
        PixelRect[] rects = SplitHeight(panels, width, height);
        // A plot's first render sets its axis limits and then draws itself a second time; on an SVG canvas both
        // drawings would stay in the file. A render in memory first leaves one clean drawing for the real canvas.
        for (int i = 0; i < panels.Count; i++)
        {
            panels[i].Plot.RenderInMemory((int)Math.Round(rects[i].Width), (int)Math.Round(rects[i].Height));
        }
        if (panels.Count > 1)
        {
            AlignDataAreas(panels, rects);
        }
        foreach (FigurePanel panel in panels)
        {
            if (panel.DataAspect is double aspect)
            {
                FixAspect(panel.Plot, aspect);
            }
        }
        for (int i = 0; i < panels.Count; i++)
        {
            // The canvas is already white. The SVG device would write a plot's own clear as an unfilled, hence
            // black, rectangle whose anti-aliased edge shows between panels; the clip keeps each plot in its panel.
            panels[i].Plot.RenderManager.ClearCanvasBeforeEachRender = false;
            canvas.Save();
            canvas.ClipRect(new SKRect(rects[i].Left, rects[i].Top, rects[i].Right, rects[i].Bottom));
            panels[i].Plot.Render(canvas, rects[i]);
            canvas.Restore();
        }
    }

    private static PixelRect[] SplitHeight(IReadOnlyList<FigurePanel> panels, int width, int height)
    {
        float total = panels.Sum(p => p.HeightWeight);
        var rects = new PixelRect[panels.Count];
        float top = 0;
        for (int i = 0; i < panels.Count; i++)
        {
            // Whole pixels, so that no panel edge is anti-aliased into a faint line.
            float bottom = i == panels.Count - 1 ? height : MathF.Round(top + height * panels[i].HeightWeight / total);
            rects[i] = new PixelRect(0, width, bottom, top);
            top = bottom;
        }
        return rects;
    }

    /// <summary>
    /// Shrinks the data area the last render chose to the ratio <paramref name="aspect"/> (width over height) and
    /// centres it, moving the axes, title and legend with it.
    /// </summary>
    private static void FixAspect(Plot plot, double aspect)
    {
        PixelRect data = plot.LastRender.DataRect;
        PixelRect figure = plot.LastRender.FigureRect;
        float left = data.Left - figure.Left, right = figure.Right - data.Right;
        float top = data.Top - figure.Top, bottom = figure.Bottom - data.Bottom;
        if (data.Width <= 0 || data.Height <= 0)
        {
            return;
        }
        if (data.Width / data.Height > aspect)
        {
            float spare = data.Width - (float)(data.Height * aspect);
            left += spare / 2;
            right += spare / 2;
        }
        else
        {
            float spare = data.Height - (float)(data.Width / aspect);
            top += spare / 2;
            bottom += spare / 2;
        }
        plot.Layout.Fixed(new PixelPadding(left, right, bottom, top));
    }

    /// <summary>
    /// Gives every panel the same left and right margins, so that stacked panels share one x scale on the page;
    /// each panel keeps the top and bottom margins its own layout chose in its last render.
    /// </summary>
    private static void AlignDataAreas(IReadOnlyList<FigurePanel> panels, PixelRect[] rects)
    {
        var paddings = new PixelPadding[panels.Count];
        for (int i = 0; i < panels.Count; i++)
        {
            Plot plot = panels[i].Plot;
            PixelRect data = plot.LastRender.DataRect;
            PixelRect figure = plot.LastRender.FigureRect;
            paddings[i] = new PixelPadding(
                data.Left - figure.Left, figure.Right - data.Right, figure.Bottom - data.Bottom, data.Top - figure.Top);
        }
        float left = paddings.Max(p => p.Left);
        float right = paddings.Max(p => p.Right);
        for (int i = 0; i < panels.Count; i++)
        {
            panels[i].Plot.Layout.Fixed(new PixelPadding(left, right, paddings[i].Bottom, paddings[i].Top));
        }
    }
}
