using SkiaSharp;

namespace Descent.Plots.Rendering;

/// <summary>Chooses the font that every figure's text is drawn with.</summary>
/// <remarks>
/// ScottPlot's own choice on Linux can land on a serif face (it picks DejaVu Serif when only the DejaVu fonts are
/// installed), so the figures name a sans-serif family themselves. SkiaSharp's Linux build that ScottPlot brings
/// (<c>SkiaSharp.NativeAssets.Linux.NoDependencies</c>) reads font files from <c>/usr/share/fonts</c> without
/// fontconfig, and ships no font of its own.
/// </remarks>
internal static class FigureFonts
{
    private static readonly string[] s_preferred =
        ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI", "Open Sans"];

    private static readonly Lazy<string?> s_family = new(Resolve);

    /// <summary>The family name figures use, or null when the machine has no font at all.</summary>
    public static string? Family => s_family.Value;

    /// <summary>Throws when no font can draw text, rather than rendering figures without titles and labels.</summary>
    public static void EnsureAvailable()
    {
        if (Family is null)
        {
            throw new InvalidOperationException(
                "No font was found to draw figure text. On Debian or Ubuntu install the fonts-dejavu-core package "
                + "(apt-get install -y fonts-dejavu-core).");
        }
    }

    private static string? Resolve()
    {
        string[] installed = SKFontManager.Default.FontFamilies.Where(f => !string.IsNullOrWhiteSpace(f)).ToArray();
        foreach (string name in s_preferred)
        {
            if (installed.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return name;
            }
        }
        if (installed.Length > 0)
        {
            return installed.FirstOrDefault(f => f.Contains("Sans", StringComparison.OrdinalIgnoreCase)
                && !f.Contains("Mono", StringComparison.OrdinalIgnoreCase)) ?? installed[0];
        }
        // Some platforms list no families yet still draw with a default typeface.
        SKTypeface fallback = SKTypeface.Default;
        return fallback.GlyphCount > 0 ? fallback.FamilyName : null;
    }
}
