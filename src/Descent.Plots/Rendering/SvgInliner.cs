using System.Text.RegularExpressions;

namespace Descent.Plots.Rendering;

/// <summary>Turns a standalone SVG document into an element that can sit inside an HTML page beside others.</summary>
internal static partial class SvgInliner
{
    /// <summary>
    /// Drops the XML declaration and namespace declarations (HTML places an <c>svg</c> element in the SVG
    /// namespace by itself), writes <c>xlink:href</c> as plain <c>href</c>, prefixes every id so that two figures'
    /// clip paths cannot capture each other, and adds a view box so the figure scales with the page.
    /// </summary>
    /// <param name="svg">The SVG document.</param>
    /// <param name="idPrefix">A prefix unique within the page.</param>
    /// <param name="label">The accessible name of the figure.</param>
    public static string Inline(string svg, string idPrefix, string label)
    {
        string body = XmlDeclaration().Replace(svg, string.Empty).Trim();
        body = NamespaceDeclaration().Replace(body, string.Empty);
        body = body.Replace("xlink:href=", "href=", StringComparison.Ordinal);
        body = IdAttribute().Replace(body, m => $"id=\"{idPrefix}{m.Groups[1].Value}\"");
        body = UrlReference().Replace(body, m => $"url(#{idPrefix}{m.Groups[1].Value})");
        body = HrefReference().Replace(body, m => $"href=\"#{idPrefix}{m.Groups[1].Value}\"");
        Match root = RootSize().Match(body);
        string viewBox = root.Success && !root.Value.Contains("viewBox", StringComparison.Ordinal)
            ? $" viewBox=\"0 0 {root.Groups[1].Value} {root.Groups[2].Value}\""
            : string.Empty;
        string attributes = $"{viewBox} role=\"img\" aria-label=\"{HtmlText.Encode(label)}\"";
        return "<svg" + attributes + body["<svg".Length..];
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"\s+xmlns(:\w+)?=""[^""]*""")]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex(@"\bhref=""#([^""]+)""")]
    private static partial Regex HrefReference();

    [GeneratedRegex(@"^<svg\b[^>]*?\swidth=""([\d.]+)""[^>]*?\sheight=""([\d.]+)""")]
    private static partial Regex RootSize();
}
