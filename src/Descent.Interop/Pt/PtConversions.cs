using Descent.IO;

namespace Descent.Interop.Pt;

/// <summary>The file conversions behind <c>descent import</c> and <c>descent export --format pt</c>.</summary>
public static class PtConversions
{
    /// <summary>The metadata key naming the <c>.pt</c> file a safetensors file was imported from.</summary>
    public const string SourceKey = "descent.imported_from";

    /// <summary>The prefix of the network's weights in a Descent run checkpoint.</summary>
    public const string ModelPrefix = "model.";

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

    /// <summary>
    /// Writes the network of a Descent model or checkpoint file (safetensors) as a PyTorch module state dict that
    /// <c>torch.load(path, weights_only=True)</c> reads and <c>model.load_state_dict</c> accepts: the entries under
    /// <c>model.</c> with the prefix removed (a run checkpoint), or else every float32 entry (a file of weights).
    /// </summary>
    /// <returns>The number of tensors written.</returns>
    /// <exception cref="TensorFileException">The model file is malformed or holds no float32 weights; nothing is written.</exception>
    public static int ExportModel(string modelPath, string ptPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(ptPath);
        SafeTensorsFile file = SafeTensors.Load(modelPath);
        bool checkpoint = file.Tensors.Keys.Any(k => k.StartsWith(ModelPrefix, StringComparison.Ordinal));
        var state = new List<KeyValuePair<string, Tensor>>();
        foreach ((string name, TensorData data) in file.Tensors)
        {
            if (checkpoint ? name.StartsWith(ModelPrefix, StringComparison.Ordinal) : data.DType == TensorDType.Float32)
            {
                if (data.DType != TensorDType.Float32)
                {
                    throw new TensorFileException(file.SourceName, $"the weight '{name}' is {data.DType}, but a network's weights are float32");
                }
                state.Add(KeyValuePair.Create(checkpoint ? name[ModelPrefix.Length..] : name, data.ToTensor()));
            }
        }
        if (state.Count == 0)
        {
            throw new TensorFileException(file.SourceName, "it holds no float32 weights to export");
        }
        PtFile.WriteModuleStateDict(ptPath, state.OrderBy(e => e.Key, ModuleKeyOrder.Instance));
        return state.Count;
    }
}
