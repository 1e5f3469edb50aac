using System.Text.Json;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests.Schedulers;

/// <summary>
/// Reads list options of a fixture. The fixture reader keeps a pair of numbers as a tuple, a longer list of numbers as an array and any
/// other list as its JSON text, so a list of one, two or more values arrives in different shapes; these helpers take them all.
/// </summary>
internal static class FixtureLists
{
    /// <summary>A list of integers (milestones).</summary>
    public static int[] Ints(IReadOnlyDictionary<string, object?> o, string key) => o[key] switch
    {
        double d => [(int)d],
        (double a, double b) => [(int)a, (int)b],
        double[] ds => ds.Select(d => (int)d).ToArray(),
        string json => JsonSerializer.Deserialize<double[]>(json)!.Select(d => (int)d).ToArray(),
        var v => throw new ArgumentException($"option {key} = {v} is not a list of numbers"),
    };

    /// <summary>A list of names (of functions the catalogue defines).</summary>
    public static string[] Strings(IReadOnlyDictionary<string, object?> o, string key) =>
        JsonSerializer.Deserialize<string[]>((string)o[key]!)!;

    /// <summary>
    /// The inner schedulers of a composite, built on <paramref name="optimizer"/> in order: each entry names its
    /// class under "type" beside its PyTorch options, and that class's catalogue case builds it.
    /// </summary>
    public static LRScheduler[] Nested(Optimizer optimizer, IReadOnlyDictionary<string, object?> o, string key)
    {
        using JsonDocument doc = JsonDocument.Parse((string)o[key]!);
        return doc.RootElement.EnumerateArray()
            .Select(OptimFixture.Hyperparameters)
            .Select(options => SchedulerCase.Named((string)options["type"]!).Create(optimizer, options))
            .ToArray();
    }
}
