using Descent.Plots.Tests.Support;

namespace Descent.Plots.Tests;

public sealed class FigureRenderingTests
{
    [Theory]
    [MemberData(nameof(Samples.Names), MemberType = typeof(Samples))]
    public void Png_HasSignatureAndRequestedSize(string name)
    {
        Figure figure = Samples.Get(name).Figure;
        ImageChecks.AssertPng(figure.ToPng(640, 420), 640, 420);
    }

    [Theory]
    [MemberData(nameof(Samples.Names), MemberType = typeof(Samples))]
    public void Svg_ParsesAndShowsTitleLabelsAndLegend(string name)
    {
        (Figure figure, string[] texts) = Samples.Get(name);
        string text = ImageChecks.AssertSvg(figure.ToSvg(700, 450), 700, 450);
        foreach (string expected in texts)
        {
            Assert.Contains(expected, text);
        }
    }

    [Theory]
    [MemberData(nameof(Samples.Names), MemberType = typeof(Samples))]
    public void Svg_DrawsEachTextOnce(string name)
    {
        // A plot's first render draws itself twice; only one copy may reach the SVG.
        (Figure figure, _) = Samples.Get(name);
        string text = ImageChecks.AssertSvg(figure.ToSvg(), Figure.DefaultWidth, Figure.DefaultHeight);
        Assert.Single(text.Split('\n'), line => line == figure.Title);
    }

    [Theory]
    [MemberData(nameof(Samples.Names), MemberType = typeof(Samples))]
    public void SavePngAndSaveSvg_WriteFiles(string name)
    {
        Figure figure = Samples.Get(name).Figure;
        string dir = Directory.CreateTempSubdirectory("descent-plots-").FullName;
        try
        {
            string png = Path.Combine(dir, "figure.png");
            string svg = Path.Combine(dir, "figure.svg");
            figure.SavePng(png, 500, 300);
            figure.SaveSvg(svg, 500, 300);
            ImageChecks.AssertPng(File.ReadAllBytes(png), 500, 300);
            ImageChecks.AssertSvg(File.ReadAllText(svg), 500, 300);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Svg_EscapesMarkupInLabels()
    {
        var figure = new StepTimePlot(
            "a < b & \"c\"", [new StepTimeSeries("x<y&z", [1, 2], [1.0, 2.0])], yLabel: "time <ms>");
        string text = ImageChecks.AssertSvg(figure.ToSvg(), Figure.DefaultWidth, Figure.DefaultHeight);
        Assert.Contains("a < b & \"c\"", text);
        Assert.Contains("x<y&z", text);
        Assert.Contains("time <ms>", text);
    }

    [Fact]
    public void Render_IsRepeatable()
    {
        Figure figure = Samples.Schedules();
        Assert.Equal(figure.ToPng(300, 200), figure.ToPng(300, 200));
        Assert.Equal(figure.ToSvg(300, 200), figure.ToSvg(300, 200));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(100, 0)]
    [InlineData(-5, 100)]
    [InlineData(100_000, 100)]
    public void Render_RejectsImpossibleSizes(int width, int height)
    {
        Figure figure = Samples.StepTimes();
        Assert.Throws<ArgumentOutOfRangeException>(() => figure.ToPng(width, height));
        Assert.Throws<ArgumentOutOfRangeException>(() => figure.ToSvg(width, height));
    }

    [Fact]
    public void Constructor_RejectsBlankTitle()
    {
        var e = Assert.Throws<ArgumentException>(() => new StepTimePlot(" ", [new StepTimeSeries("a", [1], [1.0])]));
        Assert.Equal("title", e.ParamName);
    }
}
