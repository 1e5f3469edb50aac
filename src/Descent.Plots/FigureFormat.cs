namespace Descent.Plots;

/// <summary>How an <see cref="HtmlReport"/> embeds a figure.</summary>
public enum FigureFormat
{
    /// <summary>Inline SVG: sharp at any zoom, and its text can be searched and copied.</summary>
    Svg,

    /// <summary>A PNG image in a base64 data URI: looks the same in every browser and mail client.</summary>
    Png,
}
