using Descent.Plots.Rendering;
using ScottPlot;

namespace Descent.Plots.Tests;

public sealed class ContoursTests
{
    [Fact]
    public void Circle_TracesPointsOnTheCircle()
    {
        Contours grid = Contours.Sample((x, y) => x * x + y * y, (-2, 2), (-2, 2), 81);
        List<CoordinateLine> segments = grid.Trace(1.0);
        Assert.True(segments.Count > 50, $"Only {segments.Count} segments for a circle on an 81 × 81 grid.");
        // Linear interpolation along a cell edge of 0.05 misplaces a radius-1 crossing by well under 0.01.
        Assert.All(segments, s =>
        {
            Assert.InRange(Math.Sqrt(s.X1 * s.X1 + s.Y1 * s.Y1), 0.99, 1.01);
            Assert.InRange(Math.Sqrt(s.X2 * s.X2 + s.Y2 * s.Y2), 0.99, 1.01);
        });
    }

    [Fact]
    public void Plane_TracesAStraightLine()
    {
        Contours grid = Contours.Sample((x, y) => x, (0, 1), (0, 1), 11);
        List<CoordinateLine> segments = grid.Trace(0.55);
        Assert.Equal(10, segments.Count);
        Assert.All(segments, s =>
        {
            Assert.Equal(0.55, s.X1, 12);
            Assert.Equal(0.55, s.X2, 12);
        });
    }

    [Fact]
    public void Saddle_GivesTwoSegmentsInTheCell()
    {
        // x·y on one cell: opposite corners share a side of the zero level, so the cell is ambiguous.
        Contours grid = Contours.Sample((x, y) => x * y + 0.1, (-1, 1), (-1, 1), 2);
        Assert.Equal(2, grid.Trace(0).Count);
    }

    [Fact]
    public void LevelOutsideTheValues_TracesNothing()
    {
        Contours grid = Contours.Sample((x, y) => x + y, (0, 1), (0, 1), 10);
        Assert.Empty(grid.Trace(5));
    }

    [Fact]
    public void FlatSurface_HasNoLevels()
    {
        Contours grid = Contours.Sample((x, y) => 3, (0, 1), (0, 1), 10);
        Assert.Empty(grid.Levels(ContourSpacing.Logarithmic, 10));
    }
}
