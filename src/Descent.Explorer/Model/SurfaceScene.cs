using System.Text.Json.Serialization;
using Descent.Plots;
using Descent.Training.Examples;

namespace Descent.Explorer.Model;

/// <summary>
/// What the page draws of a surface, as the script receives it: the range, the contour levels and lines (the same
/// as <c>descent trajectory</c>'s: 14 levels over a 200 × 200 grid, spaced as the surface says), a background shade
/// and the marked points. The lines (float32 x₁, y₁, x₂, y₂ per segment) and the shade travel as bytes beside the
/// JSON, handed to the script as views of .NET's memory (<see cref="ExplorerScript"/>), not as base64 text inside it.
/// </summary>
public sealed record SurfaceScene(
    string Title, string XLabel, string YLabel, double[] XRange, double[] YRange, double[] Start,
    double[] Levels, [property: JsonIgnore] byte[] Lines, int Resolution, [property: JsonIgnore] byte[] Shade, double[][] Minima, double[]? Saddle)
{
    /// <summary>Contour lines per figure, as in <c>descent trajectory</c>.</summary>
    public const int LevelCount = 14;

    /// <summary>Grid points per axis, as in <c>descent trajectory</c>.</summary>
    public const int GridResolution = 200;

    /// <summary>Samples <paramref name="surface"/> and traces its contours.</summary>
    public static SurfaceScene Of(LossSurface surface)
    {
        ArgumentNullException.ThrowIfNull(surface);
        double[] xs = ContourGrid.Axis(surface.XRange.Min, surface.XRange.Max, GridResolution);
        double[] ys = ContourGrid.Axis(surface.YRange.Min, surface.YRange.Max, GridResolution);
        // Many points a call where the surface allows; the figures evaluate point by point (see LossSurface.EvaluateGrid).
        ContourGrid grid = ContourGrid.FromValues(xs, ys, surface.EvaluateGrid(xs, ys));
        double[] levels = grid.Levels(surface.LogContours, LevelCount);
        float[] coordinates = levels.SelectMany(grid.Trace).SelectMany(s => new[] { (float)s.A.X, (float)s.A.Y, (float)s.B.X, (float)s.B.Y }).ToArray();
        byte[] lines = System.Runtime.InteropServices.MemoryMarshal.AsBytes(coordinates.AsSpan()).ToArray();
        double[,] shade = grid.Shade(surface.LogContours, levels);
        var bytes = new byte[GridResolution * GridResolution];
        for (int i = 0; i < GridResolution; i++)
        {
            for (int j = 0; j < GridResolution; j++)
            {
                bytes[i * GridResolution + j] = (byte)Math.Clamp(Math.Round(shade[i, j] * 255), 0, 255);
            }
        }
        return new SurfaceScene(surface.Title, surface.XLabel, surface.YLabel, [surface.XRange.Min, surface.XRange.Max],
            [surface.YRange.Min, surface.YRange.Max], [surface.Start.X, surface.Start.Y], levels, lines, GridResolution, bytes,
            surface.Minima.Select(m => new[] { m.X, m.Y }).ToArray(), surface.SaddlePoint is { } sp ? [sp.X, sp.Y] : null);
    }
}
