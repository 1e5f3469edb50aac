using System.Globalization;
using Descent.Optim;

namespace Descent.Training;

public abstract partial class MlpLearner
{
    /// <summary>
    /// The settings that fix a run, by name: the task, network, dropout, batches, validation, standardization, seed,
    /// measures, early stopping, the optimizer with every hyperparameter of <paramref name="optimizer"/>'s first group
    /// (defaults included), and what callbacks add (<see cref="Callback.Settings"/>, such as the learning-rate
    /// schedule). Everything but <see cref="Epochs"/>: a checkpoint keeps these, and <see cref="Resume"/> refuses to
    /// continue with any of them changed. Names follow the <c>descent</c> command's options (<c>batch-size</c>,
    /// <c>lr</c>, <c>weight-decay</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> RunSettings(SupervisedTask task, Optimizer optimizer, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(optimizer);
        var settings = new Dictionary<string, string>
        {
            ["task"] = $"{task.Id} ({task.NRow} rows, {task.NFeatures} features)",
            ["neurons"] = Neurons.Count == 0 ? "0" : string.Join(",", Neurons),
            ["layers"] = Text(Neurons.Count == 1 ? NLayers : Neurons.Count),
            ["activation"] = Activation.ToString().ToLowerInvariant(),
            ["dropout"] = Text(P),
            ["batch-size"] = Text(BatchSize),
            ["validation"] = ValidationTask is { } v ? $"task {v.Id} ({v.NRow} rows)" : ValidationRatio is double r ? Text(r) : "none",
            ["standardize"] = Text(Standardize),
            ["shuffle"] = Text(Shuffle),
            ["loss"] = Loss?.GetType().Name ?? "default",
            ["measures"] = string.Join(",", MeasuresTrain.Select(m => m.Id)),
            ["patience"] = Text(Patience),
            ["optimizer"] = Optimizer.ToLowerInvariant(),
        };
        if (string.Equals(Optimizer, "muon", StringComparison.OrdinalIgnoreCase))
        {
            settings["muon-split"] = Text(MuonSplit);
        }
        if (!MeasuresValid.Select(m => m.Id).SequenceEqual(MeasuresTrain.Select(m => m.Id)) && (ValidationRatio is not null || ValidationTask is not null))
        {
            settings["validation-measures"] = string.Join(",", MeasuresValid.Select(m => m.Id));
        }
        if (AccumulateBatches != 1)
        {
            // Only when accumulating, so that checkpoints written before the setting existed still resume.
            settings["accumulate-batches"] = Text(AccumulateBatches);
        }
        if (Seed is ulong seed)
        {
            settings["seed"] = Text(seed);
        }
        if (Patience > 0)
        {
            settings["min-delta"] = Text(MinDelta);
            settings["restore-best-weights"] = Text(RestoreBestWeights);
        }
        foreach ((string key, object? value) in optimizer.ParamGroups[0].ToDictionary())
        {
            if (key is not ("params" or "initial_lr"))
            {
                settings[key.Replace('_', '-')] = Text(value);
            }
        }
        foreach (Callback c in callbacks ?? [])
        {
            foreach ((string key, string value) in c.Settings)
            {
                settings[key] = value;
            }
        }
        return settings;
    }

    /// <summary>Throws when <paramref name="now"/> differs from the checkpoint's <paramref name="recorded"/> settings.</summary>
    internal static void CheckResumeSettings(string checkpointPath, IReadOnlyDictionary<string, string> recorded, IReadOnlyDictionary<string, string> now)
    {
        var differences = new List<SettingDifference>();
        // Another optimizer has other hyperparameters: naming it, and the ones both share, says enough.
        bool otherOptimizer = recorded.GetValueOrDefault("optimizer") != now.GetValueOrDefault("optimizer");
        foreach ((string name, string value) in now)
        {
            if (recorded.TryGetValue(name, out string? before))
            {
                if (before != value)
                {
                    differences.Add(new SettingDifference(name, before, value));
                }
            }
            else if (name != "seed" && !otherOptimizer)
            {
                differences.Add(new SettingDifference(name, "not set", value));
            }
        }
        foreach ((string name, string value) in recorded)
        {
            if (!now.ContainsKey(name) && name != "seed" && !otherOptimizer)
            {
                differences.Add(new SettingDifference(name, value, "not set"));
            }
        }
        if (differences.Count > 0)
        {
            throw new RunSettingsMismatchException(checkpointPath, differences);
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "none",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        ValueTuple<double, double> t => $"{Text(t.Item1)},{Text(t.Item2)}",
        ValueTuple<double?, double> t => $"{Text(t.Item1)},{Text(t.Item2)}",
        double[] list => string.Join(",", list.Select(x => Text(x))),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
