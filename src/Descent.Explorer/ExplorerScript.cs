using System.Runtime.InteropServices.JavaScript;

namespace Descent.Explorer;

/// <summary>
/// The calls into <c>explorer.js</c> that carry the scenes, made directly through the runtime's JavaScript interop:
/// Blazor's <c>IJSRuntime</c> would serialize every argument to JSON once more (a quarter of a megabyte of escaped
/// text for a surface), and the bytes of the contour lines and the shade arrive as views of .NET's memory, which
/// the script copies.
/// </summary>
/// <remarks>
/// Measured on the first load of Rosenbrock (2 shared cores, load average 8-12): from the surface's JSON to the
/// script holding it took 220-280 ms through <c>IJSRuntime</c> with the bytes as base64, 35-45 ms this way, and
/// drawing the background no longer decodes base64 (50 ms instead of 75-120 ms).
/// </remarks>
internal static partial class ExplorerScript
{
    /// <summary>Hands the script a surface: its JSON, and its contour lines and shade as bytes.</summary>
    [JSImport("globalThis.explorer.setSurface")]
    public static partial void SetSurface(string json, [JSMarshalAs<JSType.MemoryView>] Span<byte> lines, [JSMarshalAs<JSType.MemoryView>] Span<byte> shade);

    /// <summary>Hands the script the runs (JSON) and draws them.</summary>
    [JSImport("globalThis.explorer.setRuns")]
    public static partial void SetRuns(string json, int steps, double computeMs, double surfaceMs);

    /// <summary>Replaces the history entry with the view's address.</summary>
    [JSImport("globalThis.explorer.setUrl")]
    public static partial void SetUrl(string url);
}
