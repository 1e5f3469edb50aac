using System.Text;

namespace Descent.Plots.Rendering;

/// <summary>Escapes text for HTML element content and quoted attribute values.</summary>
internal static class HtmlText
{
    /// <summary>
    /// Replaces the five characters that HTML gives meaning to; everything else, non-ASCII included, stays as it is,
    /// since the page is UTF-8.
    /// </summary>
    public static string Encode(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            string? entity = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (entity is null)
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(entity);
            }
        }
        return sb.ToString();
    }
}
