using Descent.IO;
using Descent.NN;
using Descent.Optim;

namespace Descent.Interop.Pt;

/// <summary>
/// <c>.pt</c> state dicts for modules and optimizers: <c>model.LoadPtStateDict("model.pt")</c> after training
/// in PyTorch, <c>model.SavePtStateDict("model.pt")</c> for <c>torch.load(…, weights_only=True)</c>.
/// </summary>
public static class PtStateDicts
{
    /// <summary>Loads a module state dict written by <c>torch.save(model.state_dict(), path)</c>.</summary>
    /// <param name="module">The module to load into, in place.</param>
    /// <param name="path">The <c>.pt</c> file.</param>
    /// <param name="strict">As in <see cref="Module.LoadStateDict"/>.</param>
    /// <exception cref="TensorFileException">The file is malformed, refused, or does not fit the module; the module is unchanged.</exception>
    public static LoadStateDictResult LoadPtStateDict(this Module module, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        OrderedDictionary<string, Tensor> state = PtFile.ReadModuleStateDict(path);
        try
        {
            return module.LoadStateDict(state, strict);
        }
        catch (ArgumentException e)
        {
            throw new TensorFileException(path, $"it does not fit: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>Saves <paramref name="module"/>'s state dict as a <c>.pt</c> file that torch reads with <c>weights_only=True</c>.</summary>
    public static void SavePtStateDict(this Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        PtFile.WriteModuleStateDict(path, module.StateDict());
    }

    /// <summary>Loads an optimizer state dict written by <c>torch.save(optimizer.state_dict(), path)</c>.</summary>
    /// <exception cref="TensorFileException">The file is malformed, refused, or does not fit the optimizer; the optimizer is unchanged.</exception>
    public static void LoadPtStateDict(this Optimizer optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        OptimizerStateDict state = PtFile.ReadOptimizerStateDict(path, optimizer);
        try
        {
            optimizer.LoadStateDict(state);
        }
        catch (ArgumentException e)
        {
            throw new TensorFileException(path, $"it does not fit: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>Saves <paramref name="optimizer"/>'s state dict as a <c>.pt</c> file in torch's layout.</summary>
    public static void SavePtStateDict(this Optimizer optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        PtFile.WriteOptimizerStateDict(path, optimizer.StateDict());
    }
}
