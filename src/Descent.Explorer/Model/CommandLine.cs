namespace Descent.Explorer.Model;

/// <summary>The <c>descent trajectory</c> command that computes the same path as a run of the page.</summary>
public static class CommandLine
{
    // The hyperparameters `descent trajectory` takes as options; others have no flag yet.
    private static readonly Dictionary<string, string> s_flags = new()
    {
        ["lr"] = "--lr", ["weight_decay"] = "--weight-decay", ["momentum"] = "--momentum", ["dampening"] = "--dampening",
        ["betas"] = "--betas", ["eps"] = "--eps", ["alpha"] = "--alpha", ["rho"] = "--rho", ["lr_decay"] = "--lr-decay",
        ["amsgrad"] = "--amsgrad", ["nesterov"] = "--nesterov", ["centered"] = "--centered", ["maximize"] = "--maximize",
    };

    private static readonly Dictionary<string, string> s_schedulerFlags = new()
    {
        ["step_size"] = "--step-size", ["gamma"] = "--gamma", ["milestones"] = "--milestones", ["eta_min"] = "--eta-min",
        ["max_lr"] = "--max-lr", ["pct_start"] = "--pct-start", ["warmup"] = "--warmup", ["period"] = "--period", ["factor"] = "--factor",
    };

    /// <summary>The command line, and the hyperparameters set on the page that it cannot pass (empty when it reproduces the run).</summary>
    public static (string Command, IReadOnlyList<string> Missing) For(ExplorerState state, RunSettings run)
    {
        var words = new List<string> { "descent", "trajectory", "--surface", state.Choice.CliName };
        if (state.Choice.CliName == "quadratic")
        {
            words.AddRange(["--condition", ValueText.Number(state.Choice.Condition(state.Condition))]);
        }
        words.AddRange(["--optimizer", run.Optimizer]);
        var missing = new List<string>();
        foreach ((string key, object? value) in run.Options)
        {
            if (s_flags.TryGetValue(key, out string? flag))
            {
                words.AddRange([flag, ValueText.Format(value)]);
            }
            else
            {
                missing.Add(key);
            }
        }
        if (run.Scheduler != "none")
        {
            words.AddRange(["--scheduler", run.Scheduler]);
            foreach ((string key, string value) in run.SchedulerValues.Where(kv => kv.Value.Length > 0))
            {
                words.AddRange([s_schedulerFlags.GetValueOrDefault(key, "--" + key.Replace('_', '-')), value]);
            }
        }
        words.AddRange(["--steps", state.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (state.Start is (double x, double y))
        {
            words.Add($"--start={ValueText.Number(x)},{ValueText.Number(y)}");
        }
        return (string.Join(' ', words), missing);
    }
}
