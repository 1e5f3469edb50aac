using System.Globalization;
using System.Text;
using Descent.Plots.Rendering;

namespace Descent.Plots;

/// <summary>
/// One self-contained HTML page: a title, then headings, paragraphs, figures, preformatted text and tables in the
/// order they are added. Figures are embedded (inline SVG or PNG data URIs) and the styles are in the page, so it
/// loads nothing from anywhere and can be mailed or archived as a single file.
/// </summary>
/// <example>
/// <code>
/// new HtmlReport("Adam on spam")
///     .AddHeading("Learning curves")
///     .AddParagraph("Five seeds per learning rate.")
///     .AddFigure(curves, "Mean train log loss; the band spans the seeds.")
///     .AddPreformatted(optimizerStateDict)
///     .Save("report.html");
/// </code>
/// </example>
public sealed class HtmlReport
{
    private const string Style = """
        body { margin: 0; background: #fff; color: #1d1d1f;
               font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
        main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.5rem 0 1.25rem; }
        h2 { font-size: 1.4rem; margin: 2.25rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid #e3e3e3; }
        h3, h4 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
        figure { margin: 1.25rem 0; }
        figure svg, figure img { display: block; max-width: 100%; height: auto; }
        figcaption { color: #555; font-size: 0.92rem; margin-top: 0.4rem; }
        pre { background: #f6f8fa; border: 1px solid #e3e3e3; border-radius: 4px; padding: 0.75rem 1rem;
              white-space: pre-wrap; overflow-wrap: anywhere;
              font: 0.85rem/1.45 ui-monospace, "DejaVu Sans Mono", Consolas, monospace; }
        table { border-collapse: collapse; margin: 1rem 0; font-size: 0.95rem; }
        caption { text-align: left; color: #555; font-size: 0.92rem; padding-bottom: 0.4rem; }
        th, td { border-bottom: 1px solid #e3e3e3; padding: 0.35rem 0.8rem; text-align: left; }
        th { border-bottom: 2px solid #c8c8c8; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        """;

    private readonly List<string> _blocks = [];
    private int _figures;

    /// <summary>Starts a page with <paramref name="title"/> as its title and top heading.</summary>
    public HtmlReport(string title)
    {
        Check.NotBlank(title, nameof(title));
        Title = title;
    }

    /// <summary>The page's title.</summary>
    public string Title { get; }

    /// <summary>Adds a heading that starts a section.</summary>
    /// <param name="text">The heading's text.</param>
    /// <param name="level">2 for a section, 3 or 4 for subsections (1 is the page title).</param>
    /// <returns>This report, for chaining.</returns>
    public HtmlReport AddHeading(string text, int level = 2)
    {
        Check.NotBlank(text, nameof(text));
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 4);
        _blocks.Add($"<h{level}>{HtmlText.Encode(text)}</h{level}>");
        return this;
    }

    /// <summary>Adds a paragraph of plain text; markup in it is shown, not interpreted.</summary>
    /// <returns>This report, for chaining.</returns>
    public HtmlReport AddParagraph(string text) => AddText("p", text);

    /// <summary>Renders <paramref name="figure"/> now and embeds it.</summary>
    /// <param name="figure">The figure.</param>
    /// <param name="caption">Text under the figure, if any.</param>
    /// <param name="format">Inline SVG or an embedded PNG.</param>
    /// <param name="width">The rendered width in pixels; the page scales it down on narrow screens.</param>
    /// <param name="height">The rendered height in pixels.</param>
    /// <returns>This report, for chaining.</returns>
    public HtmlReport AddFigure(
        Figure figure,
        string? caption = null,
        FigureFormat format = FigureFormat.Svg,
        int width = Figure.DefaultWidth,
        int height = Figure.DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(figure);
        int number = ++_figures;
        string image = format switch
        {
            FigureFormat.Svg => SvgInliner.Inline(figure.ToSvg(width, height), $"fig{number}-", figure.Title),
            FigureFormat.Png => $"<img src=\"data:image/png;base64,{Convert.ToBase64String(figure.ToPng(width, height))}\" "
                + $"width=\"{width}\" height=\"{height}\" alt=\"{HtmlText.Encode(figure.Title)}\">",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown figure format."),
        };
        string figcaption = string.IsNullOrWhiteSpace(caption)
            ? string.Empty
            : $"\n<figcaption>{HtmlText.Encode(caption)}</figcaption>";
        _blocks.Add($"<figure id=\"figure-{number}\">\n{image}{figcaption}\n</figure>");
        return this;
    }

    /// <summary>Adds a paragraph with a link, such as one to the same view in the optimizer explorer.</summary>
    /// <param name="text">The link's text.</param>
    /// <param name="href">Where it goes: an http or https address, or a relative one.</param>
    /// <param name="before">Plain text before the link, if any.</param>
    /// <returns>This report, for chaining.</returns>
    /// <exception cref="ArgumentException">An address with another scheme (<c>javascript:</c>, <c>file:</c>, …).</exception>
    public HtmlReport AddLink(string text, string href, string? before = null)
    {
        Check.NotBlank(text, nameof(text));
        Check.NotBlank(href, nameof(href));
        if (Uri.TryCreate(href, UriKind.Absolute, out Uri? uri) && uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Only http, https and relative links are allowed, got '{href}'.", nameof(href));
        }
        string lead = before is null ? "" : HtmlText.Encode(before) + " ";
        _blocks.Add($"<p>{lead}<a href=\"{HtmlText.Encode(href)}\">{HtmlText.Encode(text)}</a></p>");
        return this;
    }

    /// <summary>Adds text shown as is in a monospaced font, such as a printed optimizer state dict.</summary>
    /// <returns>This report, for chaining.</returns>
    public HtmlReport AddPreformatted(string text) => AddText("pre", text);

    /// <summary>Adds <paramref name="text"/>, encoded, as the content of one <paramref name="tag"/> element.</summary>
    private HtmlReport AddText(string tag, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _blocks.Add($"<{tag}>{HtmlText.Encode(text)}</{tag}>");
        return this;
    }

    /// <summary>Adds a table of text cells; cells that read as numbers are right-aligned.</summary>
    /// <param name="header">The column headings.</param>
    /// <param name="rows">The rows, each with one cell per column.</param>
    /// <param name="caption">Text above the table, if any.</param>
    /// <returns>This report, for chaining.</returns>
    /// <exception cref="ArgumentException">No columns, or a row with another number of cells than the header.</exception>
    public HtmlReport AddTable(
        IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, string? caption = null)
    {
        Check.NotEmpty(header, nameof(header), "column");
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder("<table>\n");
        if (!string.IsNullOrWhiteSpace(caption))
        {
            sb.Append("<caption>").Append(HtmlText.Encode(caption)).Append("</caption>\n");
        }
        sb.Append("<thead><tr>");
        foreach (string h in header)
        {
            sb.Append("<th>").Append(HtmlText.Encode(h ?? string.Empty)).Append("</th>");
        }
        sb.Append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < rows.Count; r++)
        {
            IReadOnlyList<string> row = rows[r]
                ?? throw new ArgumentException($"Row {r} is null.", nameof(rows));
            if (row.Count != header.Count)
            {
                throw new ArgumentException(
                    $"Row {r} has {row.Count} cells but the header has {header.Count} columns.", nameof(rows));
            }
            sb.Append("<tr>");
            foreach (string cell in row)
            {
                string text = cell ?? string.Empty;
                bool number = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                sb.Append(number ? "<td class=\"number\">" : "<td>").Append(HtmlText.Encode(text)).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>");
        _blocks.Add(sb.ToString());
        return this;
    }

    /// <summary>The whole page as HTML text.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(HtmlText.Encode(Title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(HtmlText.Encode(Title)).Append("</h1>\n");
        foreach (string block in _blocks)
        {
            sb.Append(block).Append('\n');
        }
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Writes the page as UTF-8 to <paramref name="path"/>, replacing any file there.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllText(path, ToHtml(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
