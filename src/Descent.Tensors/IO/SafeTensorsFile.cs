namespace Descent.IO;

/// <summary>The contents of a safetensors file: named entries in file order, and string metadata.</summary>
public sealed class SafeTensorsFile
{
    internal SafeTensorsFile(string sourceName, IReadOnlyDictionary<string, TensorData> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        SourceName = sourceName;
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The path or other name the file was read from, as given to the loader.</summary>
    public string SourceName { get; }

    /// <summary>The entries by name, enumerated in the order of their data in the file.</summary>
    public IReadOnlyDictionary<string, TensorData> Tensors { get; }

    /// <summary>The <c>__metadata__</c> strings, enumerated in the order of the header; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>A new tensor holding a copy of the float32 entry <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The file has no entry of that name.</exception>
    /// <exception cref="InvalidOperationException">The entry is not float32.</exception>
    public Tensor GetTensor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Tensors.TryGetValue(name, out TensorData? entry))
        {
            throw new KeyNotFoundException($"Tensor file '{SourceName}' has no entry named '{name}'.");
        }
        if (entry.DType != TensorDType.Float32)
        {
            throw new InvalidOperationException(
                $"Entry '{name}' of tensor file '{SourceName}' holds {TensorDTypes.Code(entry.DType)} values, not F32.");
        }
        return entry.ToTensor();
    }
}
