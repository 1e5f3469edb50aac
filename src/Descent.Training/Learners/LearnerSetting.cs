using System.Globalization;

namespace Descent.Training;

/// <summary>
/// One learner setting reachable by its mlr3torch name (<c>batch_size</c>, <c>epochs</c>, …): how to read it, and
/// how to convert and write a value given as a number, string or list.
/// </summary>
internal sealed class LearnerSetting
{
    private readonly Func<MlpLearner, object?> _get;
    private readonly Action<MlpLearner, object?> _set;

    private LearnerSetting(string name, Func<MlpLearner, object?> get, Action<MlpLearner, object?> set)
    {
        Name = name;
        _get = get;
        _set = set;
    }

    public string Name { get; }

    /// <summary>The settings every MLP learner has, in the order labels list them.</summary>
    public static IReadOnlyList<LearnerSetting> All { get; } =
    [
        new("optimizer", l => l.Optimizer, (l, v) => l.Optimizer = ToOptimizerName(v)),
        new("neurons", l => l.Neurons, (l, v) => l.Neurons = ToSizes(v)),
        new("n_layers", l => l.NLayers, (l, v) => l.NLayers = ToInt(v, "n_layers")),
        new("activation", l => l.Activation, (l, v) => l.Activation = ToActivation(v)),
        new("p", l => l.P, (l, v) => l.P = ToDouble(v, "p")),
        new("batch_size", l => l.BatchSize, (l, v) => l.BatchSize = ToInt(v, "batch_size")),
        new("epochs", l => l.Epochs, (l, v) => l.Epochs = ToInt(v, "epochs")),
        new("accumulate_batches", l => l.AccumulateBatches, (l, v) => l.AccumulateBatches = ToInt(v, "accumulate_batches")),
        new("patience", l => l.Patience, (l, v) => l.Patience = ToInt(v, "patience")),
        new("min_delta", l => l.MinDelta, (l, v) => l.MinDelta = ToDouble(v, "min_delta")),
        new("shuffle", l => l.Shuffle, (l, v) => l.Shuffle = ToBool(v, "shuffle")),
        new("standardize", l => l.Standardize, (l, v) => l.Standardize = ToBool(v, "standardize")),
        new("muon_split", l => l.MuonSplit, (l, v) => l.MuonSplit = ToBool(v, "muon_split")),
    ];

    public static LearnerSetting? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    public object? Get(MlpLearner learner) => _get(learner);

    public void Set(MlpLearner learner, object? value) => _set(learner, value);

    private static int ToInt(object? value, string name)
    {
        if (value is IConvertible c and not bool and not string)
        {
            double d = c.ToDouble(CultureInfo.InvariantCulture);
            if (Math.Floor(d) == d && Math.Abs(d) <= int.MaxValue)
            {
                return (int)d;
            }
        }
        throw Wrong(name, "an integer", value);
    }

    private static double ToDouble(object? value, string name) =>
        value is IConvertible c and not bool and not string ? c.ToDouble(CultureInfo.InvariantCulture) : throw Wrong(name, "a number", value);

    private static bool ToBool(object? value, string name) => value is bool b ? b : throw Wrong(name, "true or false", value);

    private static IReadOnlyList<int> ToSizes(object? value) => value switch
    {
        IEnumerable<int> sizes => sizes.ToArray(),
        IConvertible and not string and not bool => [ToInt(value, "neurons")],
        _ => throw Wrong("neurons", "a layer size or a list of sizes", value),
    };

    private static Activation ToActivation(object? value) => value switch
    {
        Activation a => a,
        string s when Enum.TryParse(s, ignoreCase: true, out Activation a) => a,
        _ => throw Wrong("activation", $"one of {string.Join(", ", Enum.GetNames<Activation>())}", value),
    };

    private static string ToOptimizerName(object? value)
    {
        if (value is string name && Optim.OptimizerRegistry.Contains(name))
        {
            return name;
        }
        throw new ArgumentException(
            $"Hyperparameter 'optimizer' must name an optimizer (known: {string.Join(", ", Optim.OptimizerRegistry.Names)}), got {SettingFormat.Format(value)}.", nameof(value));
    }

    private static ArgumentException Wrong(string name, string expected, object? value) => new(
        $"Hyperparameter '{name}' expects {expected}, got {SettingFormat.Format(value)} ({value?.GetType().Name ?? "null"}).", nameof(value));
}
