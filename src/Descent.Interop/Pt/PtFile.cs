using Descent.IO;
using Descent.Optim;

namespace Descent.Interop.Pt;

/// <summary>
/// PyTorch <c>.pt</c> files (the zip format of <c>torch.save</c> since PyTorch 1.6) read without executing code and
/// written so that <c>torch.load(path, weights_only=True)</c> reads them. See docs/pt-files.md.
/// </summary>
/// <remarks>
/// Reading accepts exactly the globals that torch's weights-only unpickler accepts and refuses any other with one
/// line naming it; nothing a file names is ever imported or run. Every problem with a file's content is a
/// <see cref="TensorFileException"/> naming the file; a missing or unreadable file keeps its
/// <see cref="IOException"/>.
/// </remarks>
public static class PtFile
{
    /// <summary>
    /// Reads a module <c>state_dict</c> (an <c>OrderedDict</c> of tensors) as float32 tensors, in the file's order:
    /// what <c>Module.LoadStateDict</c> accepts. Double and integer tensors are converted, as torch's
    /// <c>load_state_dict</c> converts them when it copies.
    /// </summary>
    /// <exception cref="TensorFileException">The file is malformed, refused, or holds something other than a dict of tensors.</exception>
    /// <param name="path">The <c>.pt</c> file.</param>
    /// <param name="entry">
    /// The key of the state dict inside a checkpoint dict (<c>torch.save({"model": model.state_dict(), …})</c>), or
    /// null when the file holds the state dict itself.
    /// </param>
    public static OrderedDictionary<string, Tensor> ReadModuleStateDict(string path, string? entry = null)
    {
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach ((string name, PtTensor tensor) in ReadTensorDict(path, entry))
        {
            result[name] = tensor.ToTensor();
        }
        return result;
    }

    /// <summary>
    /// Reads a module <c>state_dict</c> with each tensor's values in their own type (float32, float64 or int64; half,
    /// bfloat16 become float32 and smaller integers int64): what <see cref="SafeTensors.Save(string, IReadOnlyDictionary{string, TensorData}, IReadOnlyDictionary{string, string}?)"/> writes.
    /// </summary>
    /// <inheritdoc cref="ReadModuleStateDict" path="/param"/>
    /// <inheritdoc cref="ReadModuleStateDict" path="/exception"/>
    public static OrderedDictionary<string, TensorData> ReadTensors(string path, string? entry = null)
    {
        var result = new OrderedDictionary<string, TensorData>(StringComparer.Ordinal);
        foreach ((string name, PtTensor tensor) in ReadTensorDict(path, entry))
        {
            result[name] = tensor.Data;
        }
        return result;
    }

    /// <summary>
    /// Reads an optimizer <c>state_dict</c> (<c>state</c> and <c>param_groups</c>) in the layout of
    /// <paramref name="target"/>'s <see cref="Optimizer.StateDict"/>, ready for <see cref="Optimizer.LoadStateDict(OptimizerStateDict, bool)"/>.
    /// torch's implementation switches (<c>foreach</c>, <c>capturable</c>, …) are dropped, and hyperparameters the file
    /// lacks keep <paramref name="target"/>'s values.
    /// </summary>
    /// <param name="path">The <c>.pt</c> file.</param>
    /// <param name="target">The optimizer whose layout the result takes.</param>
    /// <param name="entry">The key of the state dict inside a checkpoint dict (<c>"optimizer"</c>), or null.</param>
    /// <exception cref="TensorFileException">The file is malformed, refused, or not an optimizer state dict.</exception>
    public static OptimizerStateDict ReadOptimizerStateDict(string path, Optimizer target, string? entry = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        object? root = Select(PtArchive.Read(path), path, entry);
        try
        {
            return PtOptimizerLayout.FromTorch(root, target);
        }
        catch (FormatException e)
        {
            throw new TensorFileException(path, e.Message, e);
        }
    }

    /// <summary>Writes a module state dict as an <c>OrderedDict</c> of float32 tensors, atomically.</summary>
    /// <exception cref="ArgumentException">A name or tensor is null.</exception>
    /// <exception cref="IOException">The file could not be written; a previous file is untouched.</exception>
    public static void WriteModuleStateDict(string path, IEnumerable<KeyValuePair<string, Tensor>> stateDict)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(stateDict);
        var w = new PickleWriter();
        w.Dict(stateDict, ordered: true, t => w.Value(t ?? throw new ArgumentException("A state dict value is null.", nameof(stateDict))));
        PtArchiveWriter.Write(path, w);
    }

    /// <summary>
    /// Writes an optimizer state dict in torch's layout (<c>state</c> by parameter index, <c>param_groups</c> with
    /// <c>params</c> last), atomically.
    /// </summary>
    /// <exception cref="ArgumentException">A value has no place in a torch state dict.</exception>
    /// <exception cref="IOException">The file could not be written; a previous file is untouched.</exception>
    public static void WriteOptimizerStateDict(string path, OptimizerStateDict stateDict)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(stateDict);
        var w = new PickleWriter();
        PtOptimizerLayout.ToTorch(w, stateDict);
        PtArchiveWriter.Write(path, w);
    }

    private static object? Select(object? root, string path, string? entry)
    {
        if (entry is null)
        {
            return root;
        }
        return root is PtDict dict && dict.TryGetValue(entry, out object? value)
            ? value
            : throw new TensorFileException(path, $"it holds {PickleReader.Describe(root)} without an entry '{entry}'");
    }

    private static List<(string Name, PtTensor Tensor)> ReadTensorDict(string path, string? entry)
    {
        object? root = Select(PtArchive.Read(path), path, entry);
        if (root is not PtDict dict)
        {
            throw new TensorFileException(path, $"it holds {PickleReader.Describe(root)}, not a module state dict (a dict of tensors)");
        }
        if (dict.ContainsKey("state") && dict.ContainsKey("param_groups"))
        {
            throw new TensorFileException(path, "it holds an optimizer state dict, not a module's; read it with ReadOptimizerStateDict");
        }
        var result = new List<(string, PtTensor)>();
        foreach ((object key, object? value) in dict)
        {
            if (key is not string name || value is not PtTensor tensor)
            {
                string hint = key is string && value is PtDict && entry is null ? $" (to read that dict, give entry: \"{key}\")" : "";
                throw new TensorFileException(path,
                    $"it holds {dict} whose entry {PickleReader.Describe(key)} is {PickleReader.Describe(value)}; a module state dict maps names to tensors{hint}");
            }
            result.Add((name, tensor));
        }
        return result;
    }
}
