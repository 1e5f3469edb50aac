using Descent.Optim.Schedulers;

namespace Descent.Explorer.Model;

/// <summary>
/// Everything a view shows, and so everything its URL holds: the surface (and the quadratic's condition number),
/// the number of steps, the start point and up to four runs.
/// </summary>
/// <remarks>
/// The query reads <c>?surface=rosenbrock&amp;steps=100&amp;start=-1.5,2&amp;run=adamw;lr=0.01;scheduler=cosine;scheduler.eta_min=0.001&amp;run=…</c>:
/// one <c>run</c> per run, its optimizer first, then the hyperparameters that differ from the defaults and the schedule.
/// </remarks>
public sealed class ExplorerState
{
    /// <summary>The most runs a view overlays.</summary>
    public const int MaxRuns = 4;

    /// <summary>The most steps a run takes.</summary>
    public const int MaxSteps = 1000;

    private const string SchedulerPrefix = "scheduler.";

    /// <summary>The surface picker's entry.</summary>
    public string Surface { get; set; } = "rosenbrock";

    /// <summary>The condition number of the ill-conditioned quadratic.</summary>
    public double Condition { get; set; } = SurfaceChoice.DefaultCondition;

    /// <summary>Optimizer steps per run.</summary>
    public int Steps { get; set; } = 100;

    /// <summary>Where every run starts; null for the surface's own start point.</summary>
    public (double X, double Y)? Start { get; set; }

    /// <summary>The runs, one to <see cref="MaxRuns"/>.</summary>
    public List<RunSettings> Runs { get; } = [];

    /// <summary>The view a fresh page shows: AdamW with lr 0.05 on Rosenbrock's valley.</summary>
    public static ExplorerState Default()
    {
        var state = new ExplorerState();
        var run = new RunSettings();
        run.Set("lr", 0.05);
        state.Runs.Add(run);
        return state;
    }

    /// <summary>The surface picker's entry of this state.</summary>
    public SurfaceChoice Choice => SurfaceChoice.Find(Surface) ?? SurfaceChoice.All[0];

    /// <summary>The query string (without <c>?</c>) that holds this state.</summary>
    public string ToQuery()
    {
        var parts = new List<string> { $"surface={Surface}" };
        if (Choice.HasCondition)
        {
            parts.Add($"condition={ValueText.Number(Condition)}");
        }
        parts.Add($"steps={Steps}");
        if (Start is (double x, double y))
        {
            parts.Add($"start={ValueText.Number(x)},{ValueText.Number(y)}");
        }
        foreach (RunSettings run in Runs)
        {
            var fields = new List<string> { run.Optimizer };
            fields.AddRange(run.Options.Select(kv => $"{kv.Key}={ValueText.Format(kv.Value)}"));
            if (run.Scheduler != "none")
            {
                fields.Add($"scheduler={run.Scheduler}");
                fields.AddRange(run.SchedulerValues.Where(kv => kv.Value.Length > 0).Select(kv => $"{SchedulerPrefix}{kv.Key}={kv.Value}"));
            }
            parts.Add("run=" + Uri.EscapeDataString(string.Join(';', fields)).Replace("%2C", ",").Replace("%3D", "=").Replace("%3B", ";"));
        }
        return string.Join('&', parts);
    }

    /// <summary>
    /// Reads a state from a query string; what cannot be read keeps its default and is described in
    /// <paramref name="problems"/>, so that a mistyped link still opens.
    /// </summary>
    public static ExplorerState FromQuery(string query, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(problems);
        var state = new ExplorerState();
        foreach (string pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=', 2);
            string key = Uri.UnescapeDataString(kv[0]);
            string value = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
            try
            {
                state.Read(key, value, problems);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                problems.Add($"{key}: {e.Message}");
            }
        }
        if (state.Runs.Count == 0)
        {
            state.Runs.AddRange(Default().Runs);
        }
        return state;
    }

    private void Read(string key, string value, List<string> problems)
    {
        switch (key)
        {
            case "surface":
                Surface = SurfaceChoice.Find(value)?.Id ?? throw new FormatException($"unknown surface '{value}'");
                break;
            case "condition":
                double c = ValueText.ParseNumber(value);
                Condition = c >= 1 ? c : throw new FormatException($"the condition number must be at least 1, got {value}");
                break;
            case "steps":
                int n = (int)ValueText.Parse(HyperparameterKind.Integer, value)!;
                Steps = n is >= 1 and <= MaxSteps ? n : throw new FormatException($"steps must be from 1 to {MaxSteps}, got {value}");
                break;
            case "start":
                Start = ValueText.Parse(HyperparameterKind.Pair, value) is ValueTuple<double, double> p ? p : null;
                break;
            case "run" when Runs.Count < MaxRuns:
                Runs.Add(ReadRun(value, problems));
                break;
            case "run":
                problems.Add($"only {MaxRuns} runs are shown; the others were left out");
                break;
            default:
                problems.Add($"unknown setting '{key}'");
                break;
        }
    }

    private static RunSettings ReadRun(string text, List<string> problems)
    {
        string[] fields = text.Split(';', StringSplitOptions.RemoveEmptyEntries);
        string name = fields.Length > 0 ? fields[0].Trim().ToLowerInvariant() : "";
        if (!OptimizerCatalog.Names.Contains(name))
        {
            throw new FormatException($"unknown optimizer '{name}' (known: {string.Join(", ", OptimizerCatalog.Names)})");
        }
        var run = new RunSettings { Optimizer = name };
        foreach (string field in fields.Skip(1))
        {
            string[] kv = field.Split('=', 2);
            string key = kv[0].Trim();
            string value = kv.Length > 1 ? kv[1] : "";
            try
            {
                if (key == "scheduler")
                {
                    run.Scheduler = SchedulerCatalog.Names.Contains(value) ? value : throw new FormatException($"unknown schedule '{value}'");
                }
                else if (key.StartsWith(SchedulerPrefix, StringComparison.Ordinal))
                {
                    run.SchedulerValues[key[SchedulerPrefix.Length..]] = value;
                }
                else
                {
                    Hyperparameter h = OptimizerCatalog.Find(name, key) ?? throw new FormatException($"{name} has no hyperparameter '{key}'");
                    run.Set(key, ValueText.Parse(h.Kind, value));
                }
            }
            catch (FormatException e)
            {
                problems.Add($"run {name}, {key}: {e.Message}");
            }
        }
        return run;
    }
}
