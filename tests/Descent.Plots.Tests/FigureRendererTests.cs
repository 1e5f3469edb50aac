using Descent.Plots.Rendering;
using ScottPlot;

namespace Descent.Plots.Tests;

public sealed class FigureRendererTests
{
    [Theory]
    [InlineData(2.0)]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void DataAspect_ShapesTheDataArea(double aspect)
    {
        Plot plot = FigureStyle.CreatePlot();
        plot.Add.Scatter(new double[] { 0, 1 }, new double[] { 0, 1 });
        FigureRenderer.RenderPng([new FigurePanel(plot, DataAspect: aspect)], 800, 500);
        PixelRect data = plot.LastRender.DataRect;
        Assert.Equal(aspect, data.Width / data.Height, 2);
    }

    [Fact]
    public void StackedPanels_ShareLeftAndRightEdges()
    {
        Plot top = FigureStyle.CreatePlot();
        top.Add.Scatter(new double[] { 0, 1 }, new double[] { 0, 1_000_000 });
        Plot bottom = FigureStyle.CreatePlot();
        bottom.Add.Scatter(new double[] { 0, 1 }, new double[] { 0, 1 });
        FigureRenderer.RenderSvg([new FigurePanel(top), new FigurePanel(bottom, 0.5f)], 800, 600);
        Assert.Equal(top.LastRender.DataRect.Left, bottom.LastRender.DataRect.Left, 3);
        Assert.Equal(top.LastRender.DataRect.Right, bottom.LastRender.DataRect.Right, 3);
        Assert.True(bottom.LastRender.DataRect.Top >= top.LastRender.FigureRect.Bottom);
    }

    [Fact]
    public void Svg_IdsAreTheSameOnEveryRender()
    {
        Figure figure = Support.Samples.Trajectories();
        Assert.Equal(figure.ToSvg(400, 300), figure.ToSvg(400, 300));
        Assert.Contains("id=\"d0\"", figure.ToSvg(400, 300));
    }
}
