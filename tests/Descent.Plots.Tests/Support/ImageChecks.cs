using System.Buffers.Binary;
using System.Xml.Linq;

namespace Descent.Plots.Tests.Support;

/// <summary>Checks that rendered bytes and text are well-formed images of the requested size.</summary>
internal static class ImageChecks
{
    private static readonly byte[] s_pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts the PNG signature and that the IHDR chunk comes first with the expected size.</summary>
    public static void AssertPng(byte[] png, int width, int height)
    {
        Assert.True(png.Length > 33, $"A PNG needs at least 33 bytes; got {png.Length}.");
        Assert.Equal(s_pngSignature, png[..8]);
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8, 4)));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    /// <summary>Parses the SVG as XML, checks its root and size, and returns the text of all its text elements.</summary>
    public static string AssertSvg(string svg, int width, int height)
    {
        XDocument document = XDocument.Parse(svg);
        XElement root = document.Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal("http://www.w3.org/2000/svg", root.Name.NamespaceName);
        Assert.Equal(width.ToString(), (string?)root.Attribute("width"));
        Assert.Equal(height.ToString(), (string?)root.Attribute("height"));
        return TextOf(root);
    }

    /// <summary>The text of every <c>text</c> element, one per line.</summary>
    public static string TextOf(XElement root) =>
        string.Join('\n', root.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()));
}
