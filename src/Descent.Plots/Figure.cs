using System.Text;
using Descent.Plots.Rendering;

namespace Descent.Plots;

/// <summary>
/// A figure built from recorded data: it holds the data and renders a fresh image on every call, so one figure can be
/// saved at several sizes and in both formats.
/// </summary>
/// <remarks>
/// Text is drawn with a sans-serif system font found through SkiaSharp (DejaVu Sans where present). On a Linux
/// machine without fonts, install Debian's <c>fonts-dejavu-core</c>; rendering throws an
/// <see cref="InvalidOperationException"/> that says so rather than producing an image without any text.
/// </remarks>
public abstract class Figure
{
    /// <summary>The width, in pixels, used when none is given.</summary>
    public const int DefaultWidth = 800;

    /// <summary>The height, in pixels, used when none is given.</summary>
    public const int DefaultHeight = 500;

    // Larger images are almost certainly a unit mistake, and Skia would try to allocate them.
    private const int MaxSide = 16_384;

    private protected Figure(string title)
    {
        Check.NotBlank(title, nameof(title));
        Title = title;
    }

    /// <summary>The title drawn above the figure.</summary>
    public string Title { get; }

    /// <summary>Renders the figure as a PNG image.</summary>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    /// <returns>The bytes of a PNG file.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A side below 1 or above 16384 pixels.</exception>
    public byte[] ToPng(int width = DefaultWidth, int height = DefaultHeight)
    {
        CheckSize(width, height);
        return FigureRenderer.RenderPng(CreatePanels(), width, height);
    }

    /// <summary>Renders the figure as an SVG document.</summary>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    /// <returns>The SVG document's text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A side below 1 or above 16384 pixels.</exception>
    public string ToSvg(int width = DefaultWidth, int height = DefaultHeight)
    {
        CheckSize(width, height);
        return FigureRenderer.RenderSvg(CreatePanels(), width, height);
    }

    /// <summary>Saves the figure as a PNG file, replacing any file at <paramref name="path"/>.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    public void SavePng(string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllBytes(path, ToPng(width, height));
    }

    /// <summary>Saves the figure as an SVG file, replacing any file at <paramref name="path"/>.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    public void SaveSvg(string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllText(path, ToSvg(width, height), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>Builds the panels of the figure, top to bottom, from scratch.</summary>
    private protected abstract IReadOnlyList<FigurePanel> CreatePanels();

    private static void CheckSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxSide);
    }
}
