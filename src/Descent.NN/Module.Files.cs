using Descent.IO;

namespace Descent.NN;

public abstract partial class Module
{
    private const string ModuleKind = "module";
    private const string ModuleFormatVersion = "1";

    /// <summary>
    /// Saves <see cref="StateDict"/> to a safetensors file, one entry per dotted name, tagged as a Descent module
    /// file with a format version. The write is atomic: the previous file survives any failure.
    /// </summary>
    public void Save(string path)
    {
        Dictionary<string, string> metadata = DescentFile.Tags(ModuleKind, ModuleFormatVersion);
        metadata["descent.module"] = GetType().Name;
        DescentFile.Save(path, StateDict(), metadata);
    }

    /// <summary>
    /// Loads a file written by <see cref="Save"/> into this module, with <see cref="LoadStateDict"/>'s checks.
    /// </summary>
    /// <exception cref="TensorFileException">
    /// The file is malformed, not a Descent module file, of another format version, or does not fit this module
    /// (missing, unexpected or mis-shaped entries); the module is unchanged.
    /// </exception>
    public LoadStateDictResult Load(string path, bool strict = true)
    {
        SafeTensorsFile file = SafeTensors.Load(path);
        DescentFile.CheckKind(file, ModuleKind, ModuleFormatVersion);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach ((string name, TensorData data) in file.Tensors)
        {
            if (data.DType != TensorDType.Float32)
            {
                throw new TensorFileException(file.SourceName, $"entry '{name}' is {data.DType}, but module state is float32");
            }
            state[name] = data.ToTensor();
        }
        try
        {
            return LoadStateDict(state, strict);
        }
        catch (ArgumentException e)
        {
            throw new TensorFileException(file.SourceName, $"it does not fit this {GetType().Name}: {e.Message}", e);
        }
    }
}
