using System.Globalization;
using Descent.IO;
using Descent.NN;
using Descent.Optim;
using Descent.Optim.Schedulers;
using Descent.Optim.Serialization;

namespace Descent.Training;

/// <summary>The counters and callback states a run checkpoint restores besides model, optimizer, scheduler and generator.</summary>
/// <param name="Epoch">The last completed epoch.</param>
/// <param name="Step">The optimizer steps taken.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Callbacks">Each callback's state by callback id.</param>
public sealed record RunProgress(int Epoch, int Step, ulong Seed, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Callbacks)
{
    /// <summary>
    /// The settings the run was started with, by name (<see cref="MlpLearner.RunSettings"/>), which a resumed run must
    /// repeat; null in checkpoints written without them.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }
}

/// <summary>
/// One file that holds everything needed to continue a training run exactly: the model's state dict, the
/// optimizer's (and optionally a scheduler's) state dict, the random generator's state, the epoch and step
/// counters, the seed, and the callbacks' states. A safetensors file tagged <c>checkpoint</c>, format version 1.
/// </summary>
/// <remarks>
/// Saving is atomic (a temporary file in the same folder, flushed, then renamed over the target), so a crash
/// during a save leaves the previous checkpoint as it was. Loading checks the file and the fit of every part
/// before it changes anything; if applying a part still fails, every part already applied is rolled back, so
/// the model, optimizer, scheduler and generator are exactly as before whenever <c>Load</c> throws.
/// </remarks>
public static class RunCheckpoint
{
    private const string Kind = "checkpoint";
    private const string Version = "1";
    private const string ModelPrefix = "model.";
    private const string OptimizerPrefix = "optimizer.";

    /// <summary>Writes a checkpoint of the run to <paramref name="path"/>.</summary>
    public static void Save(string path, Module model, Optimizer optimizer, LRScheduler? scheduler, Generator generator, RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(progress);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach ((string name, Tensor value) in model.StateDict())
        {
            tensors[ModelPrefix + name] = value;
        }
        (Dictionary<string, Tensor> optimizerTensors, string optimizerJson) = StateDictEncoding.Encode(optimizer.StateDict(), OptimizerPrefix);
        foreach ((string name, Tensor value) in optimizerTensors)
        {
            tensors[name] = value;
        }
        Dictionary<string, string> metadata = DescentFile.Tags(Kind, Version);
        metadata[OptimizerFiles.OptimizerKey] = optimizerJson;
        if (scheduler is not null)
        {
            metadata[OptimizerFiles.SchedulerKey] = StateDictEncoding.Encode(scheduler.StateDict());
        }
        metadata["descent.generator"] = Convert.ToBase64String(generator.GetState());
        metadata["descent.epoch"] = progress.Epoch.ToString(CultureInfo.InvariantCulture);
        metadata["descent.step"] = progress.Step.ToString(CultureInfo.InvariantCulture);
        metadata["descent.seed"] = progress.Seed.ToString(CultureInfo.InvariantCulture);
        metadata["descent.callbacks"] = JsonValues.Serialize(progress.Callbacks.ToDictionary(kv => kv.Key, kv => (object?)kv.Value));
        if (progress.Settings is not null)
        {
            metadata["descent.settings"] = JsonValues.Serialize(progress.Settings.ToDictionary(kv => kv.Key, kv => (object?)kv.Value));
        }
        DescentFile.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Restores model, optimizer, scheduler (when given; the file must then hold one) and generator from
    /// <paramref name="path"/> and returns the counters and callback states.
    /// </summary>
    /// <exception cref="TensorFileException">The file is malformed, not a checkpoint, or does not fit; nothing was changed.</exception>
    public static RunProgress Load(string path, Module model, Optimizer optimizer, LRScheduler? scheduler, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(generator);
        return Load(SafeTensors.Load(path), model, optimizer, scheduler, generator);
    }

    /// <summary>Restores a run from a checkpoint already read (for example from a stream with <see cref="SafeTensors.Read"/>).</summary>
    /// <exception cref="TensorFileException">The file is not a checkpoint, is damaged, or does not fit; nothing was changed.</exception>
    public static RunProgress Load(SafeTensorsFile file, Module model, Optimizer optimizer, LRScheduler? scheduler, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(generator);
        DescentFile.CheckKind(file, Kind, Version);

        // Decode every part before touching anything.
        var modelState = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach ((string name, TensorData data) in file.Tensors)
        {
            if (name.StartsWith(ModelPrefix, StringComparison.Ordinal))
            {
                modelState[name[ModelPrefix.Length..]] = data.DType == TensorDType.Float32
                    ? data.ToTensor()
                    : throw new TensorFileException(file.SourceName, $"entry '{name}' is {data.DType}, but model state is float32");
            }
            else if (!name.StartsWith(OptimizerPrefix, StringComparison.Ordinal))
            {
                throw new TensorFileException(file.SourceName, $"unexpected entry '{name}'");
            }
        }
        OptimizerStateDict optimizerState = OptimizerFiles.ReadOptimizerState(file, OptimizerPrefix);
        SchedulerStateDict? schedulerState = null;
        if (scheduler is not null)
        {
            schedulerState = OptimizerFiles.ReadSchedulerState(file);
        }
        byte[] generatorState = ParseGenerator(file);
        RunProgress progress = ParseProgress(file);

        // Apply in order; on a failure, put back what was already applied.
        var modelBefore = model.StateDict();
        OptimizerStateDict optimizerBefore = optimizer.StateDict();
        SchedulerStateDict? schedulerBefore = scheduler?.StateDict();
        byte[] generatorBefore = generator.GetState();
        int applied = 0;
        try
        {
            OptimizerFiles.Apply(file, () => model.LoadStateDict(modelState));
            applied = 1;
            OptimizerFiles.Apply(file, () => optimizer.LoadStateDict(optimizerState));
            applied = 2;
            if (scheduler is not null)
            {
                OptimizerFiles.Apply(file, () => scheduler.LoadStateDict(schedulerState!));
            }
            applied = 3;
            generator.SetState(generatorState);
        }
        catch
        {
            if (applied >= 1)
            {
                model.LoadStateDict(modelBefore);
            }
            if (applied >= 2)
            {
                optimizer.LoadStateDict(optimizerBefore);
            }
            if (applied >= 3 && scheduler is not null)
            {
                scheduler.LoadStateDict(schedulerBefore!);
            }
            generator.SetState(generatorBefore);
            throw;
        }
        return progress;
    }

    /// <summary>The seed of the run a checkpoint holds, after checking that the file is an intact checkpoint.</summary>
    /// <exception cref="TensorFileException">The file is not a checkpoint, is damaged, or its seed is malformed.</exception>
    public static ulong ReadSeed(SafeTensorsFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        DescentFile.CheckKind(file, Kind, Version);
        return ParseSeed(file);
    }

    private static ulong ParseSeed(SafeTensorsFile file) =>
        ulong.TryParse(DescentFile.Require(file, "descent.seed"), NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
            ? seed
            : throw new TensorFileException(file.SourceName, "'descent.seed' is not a non-negative integer");

    private static byte[] ParseGenerator(SafeTensorsFile file)
    {
        try
        {
            byte[] state = Convert.FromBase64String(DescentFile.Require(file, "descent.generator"));
            new Generator().SetState(state);
            return state;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new TensorFileException(file.SourceName, $"the generator state is invalid ({e.Message})", e);
        }
    }

    private static RunProgress ParseProgress(SafeTensorsFile file)
    {
        int Counter(string key) =>
            int.TryParse(DescentFile.Require(file, key), NumberStyles.None, CultureInfo.InvariantCulture, out int v)
                ? v
                : throw new TensorFileException(file.SourceName, $"'{key}' is not a non-negative integer");
        ulong seed = ParseSeed(file);
        object? callbacks;
        try
        {
            callbacks = JsonValues.Deserialize(DescentFile.Require(file, "descent.callbacks"));
        }
        catch (FormatException e)
        {
            throw new TensorFileException(file.SourceName, $"the callback states are malformed ({e.Message})", e);
        }
        if (callbacks is not Dictionary<string, object?> map || map.Values.Any(v => v is not Dictionary<string, object?>))
        {
            throw new TensorFileException(file.SourceName, "the callback states are not an object of objects");
        }
        return new RunProgress(Counter("descent.epoch"), Counter("descent.step"), seed,
            map.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, object?>)(Dictionary<string, object?>)kv.Value!))
        {
            Settings = ReadSettings(file),
        };
    }

    /// <summary>The settings a checkpoint's run was started with, or null when the file does not record them.</summary>
    /// <exception cref="TensorFileException">The recorded settings are malformed.</exception>
    public static IReadOnlyDictionary<string, string>? ReadSettings(SafeTensorsFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.Metadata.TryGetValue("descent.settings", out string? json))
        {
            return null;
        }
        object? settings;
        try
        {
            settings = JsonValues.Deserialize(json);
        }
        catch (FormatException e)
        {
            throw new TensorFileException(file.SourceName, $"the run settings are malformed ({e.Message})", e);
        }
        return settings is Dictionary<string, object?> map && map.Values.All(v => v is string)
            ? map.ToDictionary(kv => kv.Key, kv => (string)kv.Value!)
            : throw new TensorFileException(file.SourceName, "the run settings are not an object of strings");
    }
}
