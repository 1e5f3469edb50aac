using Descent.Optim.Schedulers;

namespace Descent.Explorer.Model;

/// <summary>
/// One run of the page: an optimizer, the hyperparameters changed from its defaults, and a learning-rate schedule
/// with the settings given (the others take <see cref="SchedulerCatalog"/>'s defaults for the run's length).
/// </summary>
public sealed class RunSettings
{
    /// <summary>The optimizer's registry name, lower case.</summary>
    public string Optimizer { get; set; } = "adamw";

    /// <summary>The hyperparameters that differ from the optimizer's defaults, by PyTorch key, typed like the defaults.</summary>
    public Dictionary<string, object?> Options { get; } = [];

    /// <summary>The schedule's name in <see cref="SchedulerCatalog"/>.</summary>
    public string Scheduler { get; set; } = "none";

    /// <summary>The schedule's settings given, by key (<c>step_size</c>, <c>gamma</c>, …), as text.</summary>
    public Dictionary<string, string> SchedulerValues { get; } = [];

    /// <summary>The value of <paramref name="key"/>: the one set, else the optimizer's default.</summary>
    public object? Value(string key) => Options.TryGetValue(key, out object? v) ? v : OptimizerCatalog.Find(Optimizer, key)?.Default;

    /// <summary>Sets <paramref name="key"/>; a value equal to the default is dropped, so that the URL and the command line stay short.</summary>
    public void Set(string key, object? value)
    {
        if (Equals(OptimizerCatalog.Find(Optimizer, key)?.Default, value))
        {
            Options.Remove(key);
        }
        else
        {
            Options[key] = value;
        }
    }

    /// <summary>Switches to another optimizer, keeping the hyperparameters it also has.</summary>
    public void SwitchTo(string optimizer)
    {
        var kept = Options.Where(kv => OptimizerCatalog.Find(optimizer, kv.Key) is { } h && Hyperparameter.KindOf(kv.Value) == h.Kind).ToArray();
        Optimizer = optimizer;
        Options.Clear();
        foreach ((string key, object? value) in kept)
        {
            Set(key, value);
        }
    }

    /// <summary>The schedule's settings as <see cref="SchedulerSettings"/>.</summary>
    /// <exception cref="FormatException">A setting that is not a number of the right kind.</exception>
    public SchedulerSettings Settings()
    {
        int? Int(string key) => Text(key) is { } t ? (int)ValueText.Parse(HyperparameterKind.Integer, t)! : null;
        double? Number(string key) => Text(key) is { } t ? ValueText.ParseNumber(t) : null;
        return new SchedulerSettings
        {
            StepSize = Int("step_size"),
            Gamma = Number("gamma"),
            Milestones = Text("milestones") is { } m ? m.Split(',').Select(p => (int)ValueText.Parse(HyperparameterKind.Integer, p)!).ToArray() : null,
            EtaMin = Number("eta_min"),
            MaxLr = Number("max_lr"),
            PctStart = Number("pct_start"),
            Warmup = Int("warmup"),
            Period = Int("period"),
            Factor = Number("factor"),
        };
    }

    /// <summary>An independent copy.</summary>
    public RunSettings Copy()
    {
        var copy = new RunSettings { Optimizer = Optimizer, Scheduler = Scheduler };
        foreach ((string k, object? v) in Options)
        {
            copy.Options[k] = v;
        }
        foreach ((string k, string v) in SchedulerValues)
        {
            copy.SchedulerValues[k] = v;
        }
        return copy;
    }

    /// <summary>A short label: the optimizer and what differs from its defaults.</summary>
    public string Label()
    {
        IEnumerable<string> parts = Options.Select(kv => $"{kv.Key}={ValueText.Format(kv.Value)}");
        if (Scheduler != "none")
        {
            parts = parts.Append(Scheduler);
        }
        string rest = string.Join(", ", parts);
        return rest.Length == 0 ? $"{Optimizer} (defaults)" : $"{Optimizer} {rest}";
    }

    private string? Text(string key) => SchedulerValues.TryGetValue(key, out string? t) && !string.IsNullOrWhiteSpace(t) ? t : null;
}
