using Descent.IO;
using Descent.Optim.Schedulers;

namespace Descent.Optim.Serialization;

/// <summary>
/// Optimizer and scheduler state dicts on disk: safetensors files tagged with their kind and format version,
/// tensors as entries and everything else as JSON in the metadata (see <see cref="StateDictEncoding"/>).
/// Saving is atomic; loading checks the whole file and the fit before changing anything.
/// </summary>
public static class OptimizerFiles
{
    internal const string OptimizerKind = "optimizer";
    internal const string SchedulerKind = "scheduler";
    internal const string FormatVersion = "1";

    /// <summary>The metadata key of an encoded optimizer state dict.</summary>
    public const string OptimizerKey = "descent.optimizer";

    /// <summary>The metadata key of an encoded scheduler state dict.</summary>
    public const string SchedulerKey = "descent.scheduler";

    /// <summary>Saves <paramref name="optimizer"/>'s state dict to <paramref name="path"/>.</summary>
    public static void Save(this Optimizer optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        (Dictionary<string, Tensor> tensors, string json) = StateDictEncoding.Encode(optimizer.StateDict(), "optimizer.");
        Dictionary<string, string> metadata = DescentFile.Tags(OptimizerKind, FormatVersion);
        metadata[OptimizerKey] = json;
        DescentFile.Save(path, tensors, metadata);
    }

    /// <summary>Loads a file written by <see cref="Save(Optimizer, string)"/> into <paramref name="optimizer"/>.</summary>
    /// <exception cref="TensorFileException">The file is malformed or does not fit the optimizer; the optimizer is unchanged.</exception>
    public static void Load(this Optimizer optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        SafeTensorsFile file = SafeTensors.Load(path);
        DescentFile.CheckKind(file, OptimizerKind, FormatVersion);
        OptimizerStateDict state = ReadOptimizerState(file, "optimizer.");
        Apply(file, () => optimizer.LoadStateDict(state));
    }

    /// <summary>Saves <paramref name="scheduler"/>'s state dict to <paramref name="path"/>.</summary>
    public static void Save(this LRScheduler scheduler, string path)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Dictionary<string, string> metadata = DescentFile.Tags(SchedulerKind, FormatVersion);
        metadata[SchedulerKey] = StateDictEncoding.Encode(scheduler.StateDict());
        DescentFile.Save(path, new Dictionary<string, Tensor>(), metadata);
    }

    /// <summary>Loads a file written by <see cref="Save(LRScheduler, string)"/> into <paramref name="scheduler"/>.</summary>
    /// <exception cref="TensorFileException">The file is malformed or does not fit the scheduler; the scheduler is unchanged.</exception>
    public static void Load(this LRScheduler scheduler, string path)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        SafeTensorsFile file = SafeTensors.Load(path);
        DescentFile.CheckKind(file, SchedulerKind, FormatVersion);
        SchedulerStateDict state = ReadSchedulerState(file);
        Apply(file, () => scheduler.LoadStateDict(state));
    }

    /// <summary>Decodes the optimizer state dict of a file whose optimizer tensors, all referenced, are named <c>{prefix}…</c>.</summary>
    /// <exception cref="TensorFileException">The state is missing or malformed.</exception>
    public static OptimizerStateDict ReadOptimizerState(SafeTensorsFile file, string prefix)
    {
        ArgumentNullException.ThrowIfNull(file);
        string json = DescentFile.Require(file, OptimizerKey);
        var used = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            OptimizerStateDict state = StateDictEncoding.DecodeOptimizer(json, name =>
            {
                if (!name.StartsWith(prefix, StringComparison.Ordinal) || !file.Tensors.TryGetValue(name, out TensorData? data))
                {
                    return null;
                }
                if (data.DType != TensorDType.Float32)
                {
                    throw new FormatException($"entry '{name}' is {data.DType}, but optimizer state is float32");
                }
                used.Add(name);
                return data.ToTensor();
            });
            string? extra = file.Tensors.Keys.FirstOrDefault(k => k.StartsWith(prefix, StringComparison.Ordinal) && !used.Contains(k));
            return extra is null ? state : throw new FormatException($"the file holds an optimizer entry '{extra}' that the state does not mention");
        }
        catch (FormatException e)
        {
            throw new TensorFileException(file.SourceName, e.Message, e);
        }
    }

    /// <summary>Decodes the scheduler state dict stored in a file's metadata.</summary>
    /// <exception cref="TensorFileException">The state is missing or malformed.</exception>
    public static SchedulerStateDict ReadSchedulerState(SafeTensorsFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            return StateDictEncoding.DecodeScheduler(DescentFile.Require(file, SchedulerKey));
        }
        catch (FormatException e)
        {
            throw new TensorFileException(file.SourceName, e.Message, e);
        }
    }

    /// <summary>Runs a load that validates before it changes anything, reporting a misfit as a file error.</summary>
    public static void Apply(SafeTensorsFile file, Action load)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(load);
        try
        {
            load();
        }
        catch (ArgumentException e)
        {
            throw new TensorFileException(file.SourceName, $"it does not fit: {e.Message}", e);
        }
    }
}
