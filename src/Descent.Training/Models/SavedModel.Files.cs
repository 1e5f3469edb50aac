using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Descent.IO;
using Descent.NN;
using Descent.Optim.Serialization;

namespace Descent.Training;

public sealed partial class SavedModel
{
    private const string Kind = "model";
    private const string Version = "1";
    private const string NetworkPrefix = "network.";

    /// <summary>The version of this Descent build, as a saved model records it.</summary>
    public static string CurrentVersion { get; } =
        typeof(SavedModel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(SavedModel).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>
    /// Writes the model to a safetensors file, tagged as a Descent <c>model</c> file (format version 1): the network's
    /// state dict under <c>network.</c>, and in the metadata the layer widths and activation, the feature names in
    /// order, the target, class names and positive class, the standardization, the learner's id and settings, and
    /// the Descent version. The write is atomic: a failure leaves the previous file as it was.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach ((string name, Tensor value) in Network.StateDict())
        {
            tensors[NetworkPrefix + name] = value;
        }
        Dictionary<string, string> metadata = DescentFile.Tags(Kind, Version);
        metadata["descent.learner"] = LearnerId;
        metadata["descent.task_type"] = TaskType;
        metadata["descent.features"] = JsonSerializer.Serialize(FeatureNames);
        metadata["descent.target"] = TargetName;
        if (IsClassifier)
        {
            metadata["descent.classes"] = JsonSerializer.Serialize(ClassNames);
        }
        if (PositiveClass is not null)
        {
            metadata["descent.positive"] = PositiveClass;
        }
        if (Standardization is { } s)
        {
            metadata["descent.standardization.mean"] = Floats(s.Mean);
            metadata["descent.standardization.sd"] = Floats(s.Sd);
        }
        metadata["descent.layers"] = string.Join(",", Layers.Select(l => l.InFeatures).Append(OutputWidth));
        metadata["descent.activation"] = Activation.ToString().ToLowerInvariant();
        metadata["descent.settings"] = JsonValues.Serialize(Settings.ToDictionary(kv => kv.Key, kv => (object?)kv.Value));
        metadata["descent.version"] = DescentVersion;
        DescentFile.Save(path, tensors, metadata);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="TensorFileException">The file is missing, damaged, not a Descent model file, or inconsistent.</exception>
    public static SavedModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Load(SafeTensors.Load(path));
    }

    /// <summary>Reads a model from a file already read.</summary>
    /// <exception cref="TensorFileException">The file is damaged, not a Descent model file, or inconsistent.</exception>
    public static SavedModel Load(SafeTensorsFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        DescentFile.CheckKind(file, Kind, Version);
        TensorFileException Bad(string what) => new(file.SourceName, what);

        string taskType = DescentFile.Require(file, "descent.task_type");
        if (taskType is not ("classif" or "regr"))
        {
            throw Bad($"'descent.task_type' is '{taskType}', not classif or regr");
        }
        string[] features = Strings(file, "descent.features");
        string[] classes = taskType == "classif" ? Strings(file, "descent.classes") : [];
        if (taskType == "classif" && classes.Length < 2)
        {
            throw Bad("a classifier needs at least two classes in 'descent.classes'");
        }
        string? positive = file.Metadata.GetValueOrDefault("descent.positive");
        if (positive is not null && !classes.Contains(positive))
        {
            throw Bad($"the positive class '{positive}' is not one of the classes");
        }
        int[] widths = DescentFile.Require(file, "descent.layers").Split(',')
            .Select(w => int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : throw Bad("'descent.layers' is not a list of positive widths"))
            .ToArray();
        int outputs = taskType == "classif" ? classes.Length : 1;
        if (widths.Length < 2 || widths[0] != features.Length || widths[^1] != outputs)
        {
            throw Bad($"'descent.layers' ({string.Join(",", widths)}) does not fit {features.Length} features and {outputs} outputs");
        }
        string activationName = DescentFile.Require(file, "descent.activation");
        Activation activation = Enum.GetValues<Activation>().Where(a => a.ToString().Equals(activationName, StringComparison.OrdinalIgnoreCase))
            .Select(a => (Activation?)a).FirstOrDefault() ?? throw Bad($"unknown activation '{activationName}'");
        Standardization? standardization = null;
        if (file.Metadata.ContainsKey("descent.standardization.mean") || file.Metadata.ContainsKey("descent.standardization.sd"))
        {
            float[] mean = ReadFloats(file, "descent.standardization.mean");
            float[] sd = ReadFloats(file, "descent.standardization.sd");
            if (mean.Length != features.Length)
            {
                throw Bad($"the standardization has {mean.Length} means for {features.Length} features");
            }
            try
            {
                standardization = Standardization.FromValues(mean, sd);
            }
            catch (ArgumentException e)
            {
                throw new TensorFileException(file.SourceName, e.Message, e);
            }
        }
        IReadOnlyDictionary<string, string> settings = RunCheckpoint.ReadSettings(file) ?? new Dictionary<string, string>();

        Sequential network = BuildNetwork(widths, activation);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach ((string name, TensorData data) in file.Tensors)
        {
            if (!name.StartsWith(NetworkPrefix, StringComparison.Ordinal) || data.DType != TensorDType.Float32)
            {
                throw Bad($"unexpected entry '{name}' ({data.DType}); a model holds float32 network.* entries only");
            }
            state[name[NetworkPrefix.Length..]] = data.ToTensor();
        }
        try
        {
            network.LoadStateDict(state);
        }
        catch (ArgumentException e)
        {
            throw new TensorFileException(file.SourceName, $"its weights do not fit the network it describes: {e.Message}", e);
        }
        return new SavedModel(network, DescentFile.Require(file, "descent.learner"), features, DescentFile.Require(file, "descent.target"),
            classes, positive, standardization, activation, settings, DescentFile.Require(file, "descent.version"));
    }

    /// <summary>The learner's layout, <c>[Linear, activation, Dropout] × k + Linear</c>, so that state dict names match.</summary>
    private static Sequential BuildNetwork(int[] widths, Activation activation)
    {
        var network = new Sequential();
        for (int i = 0; i < widths.Length - 2; i++)
        {
            network.Add(new Linear(widths[i], widths[i + 1]));
            network.Add(MlpLearner.ActivationModule(activation));
            // Dropout does nothing in evaluation mode; it only keeps the layer indices of the trained network.
            network.Add(new Dropout(0));
        }
        network.Add(new Linear(widths[^2], widths[^1]));
        network.Eval();
        return network;
    }

    private static string Floats(IReadOnlyList<float> values) =>
        string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private static float[] ReadFloats(SafeTensorsFile file, string key) =>
        DescentFile.Require(file, key).Split(',').Select(t =>
            float.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out float v)
                ? v
                : throw new TensorFileException(file.SourceName, $"'{key}' is not a list of numbers")).ToArray();

    private static string[] Strings(SafeTensorsFile file, string key)
    {
        string[]? names;
        try
        {
            names = JsonSerializer.Deserialize<string[]>(DescentFile.Require(file, key));
        }
        catch (JsonException e)
        {
            throw new TensorFileException(file.SourceName, $"'{key}' is not a list of names ({e.Message})", e);
        }
        return names is { Length: > 0 } && names.All(n => n is not null) && names.Distinct().Count() == names.Length
            ? names
            : throw new TensorFileException(file.SourceName, $"'{key}' is not a list of distinct names");
    }
}
