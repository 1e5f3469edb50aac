using System.Text.Json;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests.Schedulers;

/// <summary>One scheduler configuration as PyTorch ran it: learning rates (and momenta) per step and group.</summary>
public sealed record SchedulerFixtureCase(
    string Name,
    Dictionary<string, object?> Options,
    double[] GroupLrs,
    string Optimizer,
    Dictionary<string, object?> OptimizerOptions,
    int Steps,
    double[]? Metrics,
    double[][] Lrs,
    double?[][]? Momenta)
{
    public override string ToString() => Name;
}

/// <summary>A scheduler fixture written by <c>tools/reference/schedulers/*.py</c>.</summary>
public sealed record SchedulerFixture(string Scheduler, SchedulerFixtureCase[] Cases)
{
    private static readonly Dictionary<string, SchedulerFixture> s_cache = [];

    public static SchedulerFixture Load(string scheduler)
    {
        lock (s_cache)
        {
            if (!s_cache.TryGetValue(scheduler, out SchedulerFixture? fixture))
            {
                string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "schedulers", scheduler.ToLowerInvariant() + ".json");
                using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
                JsonElement root = doc.RootElement;
                fixture = new SchedulerFixture(
                    root.GetProperty("scheduler").GetString()!,
                    root.GetProperty("cases").EnumerateArray().Select(Parse).ToArray());
                s_cache[scheduler] = fixture;
            }
            return fixture;
        }
    }

    private static SchedulerFixtureCase Parse(JsonElement c) => new(
        c.GetProperty("name").GetString()!,
        OptimFixture.Hyperparameters(c.GetProperty("options")),
        c.GetProperty("group_lrs").EnumerateArray().Select(x => x.GetDouble()).ToArray(),
        c.GetProperty("optimizer").GetString()!,
        OptimFixture.Hyperparameters(c.GetProperty("optimizer_options")),
        c.GetProperty("steps").GetInt32(),
        c.TryGetProperty("metrics", out JsonElement m) ? m.EnumerateArray().Select(x => x.GetDouble()).ToArray() : null,
        c.GetProperty("lrs").EnumerateArray().Select(step => step.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray(),
        c.TryGetProperty("momenta", out JsonElement mo)
            ? mo.EnumerateArray().Select(step => step.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Null ? (double?)null : x.GetDouble()).ToArray()).ToArray()
            : null);
}
