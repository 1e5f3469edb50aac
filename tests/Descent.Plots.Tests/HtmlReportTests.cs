using System.Text.RegularExpressions;
using Descent.Plots.Tests.Support;

namespace Descent.Plots.Tests;

public sealed class HtmlReportTests
{
    private static HtmlReport FullReport() => new HtmlReport("Adam on spam")
        .AddHeading("Learning curves")
        .AddParagraph("Five seeds per learning rate.")
        .AddFigure(Samples.Curves(), "Mean train log loss.")
        .AddHeading("Paths", level: 3)
        .AddFigure(Samples.Trajectories(), "Rosenbrock.", FigureFormat.Png, 500, 400)
        .AddFigure(Samples.Schedules())
        .AddPreformatted("{'state': {}, 'param_groups': [{'lr': 0.001}]}")
        .AddTable(["optimizer", "lr"], [["SGD", "0.1"], ["Adam", "0.001"]], "Settings");

    [Fact]
    public void Link_IsEncodedAndOnlyHttpOrRelative()
    {
        string html = new HtmlReport("r").AddLink("open <it>", "http://127.0.0.1:5080/?surface=linreg&run=sgd;lr=0.1", "Before:").ToHtml();
        Assert.Contains("<p>Before: <a href=\"http://127.0.0.1:5080/?surface=linreg&amp;run=sgd;lr=0.1\">open &lt;it&gt;</a></p>", html);
        Assert.Throws<ArgumentException>(() => new HtmlReport("r").AddLink("x", "javascript:alert(1)"));
    }

    [Fact]
    public void Page_LoadsNothingFromOutside()
    {
        string html = FullReport().ToHtml();
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("src=\"//", html);
        Assert.DoesNotContain("href=\"//", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(http", html);
        // Every src is a data URI and every href points inside the page.
        Assert.All(Regex.Matches(html, "src=\"([^\"]*)\"").Select(m => m.Groups[1].Value), s => Assert.StartsWith("data:", s));
        Assert.All(Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value), s => Assert.StartsWith("#", s));
    }

    [Fact]
    public void Page_EmbedsSvgAndPngFigures()
    {
        string html = FullReport().ToHtml();
        Assert.Equal(2, Regex.Matches(html, "<svg ").Count);
        Assert.Contains("Train loss by learning rate", html);
        Assert.Contains("<figcaption>Mean train log loss.</figcaption>", html);

        Match png = Regex.Match(html, "src=\"data:image/png;base64,([^\"]+)\" width=\"500\" height=\"400\"");
        Assert.True(png.Success);
        ImageChecks.AssertPng(Convert.FromBase64String(png.Groups[1].Value), 500, 400);
    }

    [Fact]
    public void InlineSvgs_HaveDistinctIds()
    {
        string html = FullReport().AddFigure(Samples.Curves()).ToHtml();
        string[] ids = Regex.Matches(html, "\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        // Every reference inside an SVG points at an id that exists.
        foreach (Match reference in Regex.Matches(html, "url\\(#([^)]+)\\)|href=\"#([^\"]+)\""))
        {
            string target = reference.Groups[1].Success ? reference.Groups[1].Value : reference.Groups[2].Value;
            Assert.Contains(target, ids);
        }
    }

    [Fact]
    public void InlineSvg_ScalesWithThePage()
    {
        string html = new HtmlReport("r").AddFigure(Samples.StepTimes(), width: 640, height: 400).ToHtml();
        Assert.Contains("viewBox=\"0 0 640 400\"", html);
        Assert.Contains("aria-label=\"Step time\"", html);
        Assert.DoesNotContain("<?xml", html);
        Assert.DoesNotContain("xmlns", html);
    }

    [Fact]
    public void Text_IsEscaped()
    {
        string html = new HtmlReport("<b>title</b> & co")
            .AddHeading("<h1>")
            .AddParagraph("<script>alert('x')</script>")
            .AddPreformatted("a < b && c > d")
            .AddTable(["<th>"], [["<td>&"]], "<caption>")
            .AddFigure(Samples.StepTimes(), caption: "<i>caption</i>", format: FigureFormat.Png, width: 100, height: 80)
            .ToHtml();
        Assert.Contains("<title>&lt;b&gt;title&lt;/b&gt; &amp; co</title>", html);
        Assert.Contains("<h1>&lt;b&gt;title&lt;/b&gt; &amp; co</h1>", html);
        Assert.Contains("<h2>&lt;h1&gt;</h2>", html);
        Assert.Contains("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>", html);
        Assert.Contains("<pre>a &lt; b &amp;&amp; c &gt; d</pre>", html);
        Assert.Contains("<th>&lt;th&gt;</th>", html);
        Assert.Contains("<td>&lt;td&gt;&amp;</td>", html);
        Assert.Contains("<caption>&lt;caption&gt;</caption>", html);
        Assert.Contains("<figcaption>&lt;i&gt;caption&lt;/i&gt;</figcaption>", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Table_RightAlignsNumbers()
    {
        string html = new HtmlReport("r").AddTable(["name", "loss"], [["Adam", "0.184"]]).ToHtml();
        Assert.Contains("<td>Adam</td><td class=\"number\">0.184</td>", html);
    }

    [Fact]
    public void Table_RowOfWrongWidth_Throws()
    {
        var e = Assert.Throws<ArgumentException>(
            () => new HtmlReport("r").AddTable(["a", "b"], [["1", "2"], ["3"]]));
        Assert.Equal("rows", e.ParamName);
        Assert.Contains("Row 1 has 1 cells but the header has 2 columns", e.Message);
    }

    [Fact]
    public void Table_WithoutColumns_Throws()
    {
        Assert.Throws<ArgumentException>(() => new HtmlReport("r").AddTable([], []));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Heading_OutsideLevelsTwoToFour_Throws(int level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HtmlReport("r").AddHeading("h", level));
    }

    [Fact]
    public void Save_WritesTheSamePageAsUtf8WithoutBom()
    {
        HtmlReport report = new HtmlReport("σ and β₁").AddParagraph("lr ≈ 3e-3");
        string path = Path.Combine(Path.GetTempPath(), $"descent-report-{Guid.NewGuid():N}.html");
        try
        {
            report.Save(path);
            byte[] bytes = File.ReadAllBytes(path);
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.Equal(report.ToHtml(), System.Text.Encoding.UTF8.GetString(bytes));
            Assert.StartsWith("<!DOCTYPE html>", report.ToHtml());
            Assert.Contains("<meta charset=\"utf-8\">", report.ToHtml());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
