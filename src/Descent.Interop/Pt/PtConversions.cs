using Descent.IO;

namespace Descent.Interop.Pt;

/// <summary>The file conversion behind <c>descent import</c>.</summary>
public static class PtConversions
{
    /// <summary>The metadata key naming the <c>.pt</c> file a safetensors file was imported from.</summary>
    public const string SourceKey = "descent.imported_from";

    /// <summary>
    /// Converts a module state dict in a <c>.pt</c> file into a safetensors file, keeping names, order-independent
    /// layout and each tensor's type (float32, float64 or int64; see <see cref="PtFile.ReadTensors"/>).
    /// </summary>
    /// <returns>The number of tensors written.</returns>
    /// <exception cref="TensorFileException">The <c>.pt</c> file is malformed, refused, or not a module state dict; nothing is written.</exception>
    public static int ImportToSafeTensors(string ptPath, string safeTensorsPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(safeTensorsPath);
        OrderedDictionary<string, TensorData> tensors = PtFile.ReadTensors(ptPath);
        SafeTensors.Save(safeTensorsPath, tensors, new Dictionary<string, string> { [SourceKey] = Path.GetFileName(ptPath) });
        return tensors.Count;
    }
}
