using System.Text.Json;

namespace Descent.Optim.Tests.Support;

/// <summary>A tensor as fixtures store it: shape and row-major data.</summary>
public sealed record FixtureTensor(int[] Shape, float[] Data)
{
    public static FixtureTensor Parse(JsonElement e) => new(
        e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray(),
        e.GetProperty("data").EnumerateArray().Select(x => (float)x.GetDouble()).ToArray());

    public Tensor ToTensor() => Tensor.FromArray(Data, Shape);
}

/// <summary>The parameters and optimizer state PyTorch had after one step.</summary>
public sealed record FixtureCheckpoint(int Step, FixtureTensor[] Params, Dictionary<int, Dictionary<string, FixtureTensor>> State);

/// <summary>One configuration run on one problem, with the gradients fed at every step.</summary>
public sealed record FixtureCase(
    string Name,
    string Problem,
    Dictionary<string, object?> Options,
    (int[] Params, Dictionary<string, object?> Overrides)[]? Groups,
    FixtureTensor[] Initial,
    FixtureTensor?[][] Grads,
    FixtureCheckpoint[] Checkpoints)
{
    public override string ToString() => Name;
}

/// <summary>
/// An optimizer fixture written by <c>tools/reference/optim/*.py</c> from PyTorch: its defaults and cases.
/// </summary>
public sealed record OptimFixture(string Optimizer, Dictionary<string, object?> Defaults, string Note, FixtureCase[] Cases)
{
    private static readonly Dictionary<string, OptimFixture> s_cache = [];

    public static OptimFixture Load(string optimizer)
    {
        lock (s_cache)
        {
            if (!s_cache.TryGetValue(optimizer, out OptimFixture? fixture))
            {
                string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "optim", optimizer.ToLowerInvariant() + ".json");
                using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
                fixture = Parse(doc.RootElement);
                s_cache[optimizer] = fixture;
            }
            return fixture;
        }
    }

    private static OptimFixture Parse(JsonElement root) => new(
        root.GetProperty("optimizer").GetString()!,
        Hyperparameters(root.GetProperty("defaults")),
        root.GetProperty("provenance").GetProperty("note").GetString() ?? "",
        root.GetProperty("cases").EnumerateArray().Select(ParseCase).ToArray());

    private static FixtureCase ParseCase(JsonElement c) => new(
        c.GetProperty("name").GetString()!,
        c.GetProperty("problem").GetString()!,
        Hyperparameters(c.GetProperty("options")),
        c.TryGetProperty("groups", out JsonElement groups)
            ? groups.EnumerateArray().Select(g => (
                g.GetProperty("params").EnumerateArray().Select(x => x.GetInt32()).ToArray(),
                Hyperparameters(g.GetProperty("overrides")))).ToArray()
            : null,
        c.GetProperty("initial").EnumerateArray().Select(FixtureTensor.Parse).ToArray(),
        c.GetProperty("grads").EnumerateArray()
            .Select(step => step.EnumerateArray().Select(g => g.ValueKind == JsonValueKind.Null ? null : FixtureTensor.Parse(g)).ToArray())
            .ToArray(),
        c.GetProperty("checkpoints").EnumerateArray().Select(ParseCheckpoint).ToArray());

    private static FixtureCheckpoint ParseCheckpoint(JsonElement c) => new(
        c.GetProperty("step").GetInt32(),
        c.GetProperty("params").EnumerateArray().Select(FixtureTensor.Parse).ToArray(),
        c.GetProperty("state").EnumerateObject().ToDictionary(
            p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture),
            p => p.Value.EnumerateObject()
                .Where(e => e.Value.ValueKind == JsonValueKind.Object)
                .ToDictionary(e => e.Name, e => FixtureTensor.Parse(e.Value))));

    /// <summary>Hyperparameters as Descent's param-group indexer takes them: numbers, bools, strings, pairs.</summary>
    public static Dictionary<string, object?> Hyperparameters(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => p.Name == "ns_coefficients"
            ? p.Value.EnumerateArray().Select(x => x.GetDouble()).ToArray() // Muon's triple, a list of numbers
            : Value(p.Value));

    private static object? Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => v.GetString() switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" => double.NaN,
            string s => s,
            null => null,
        },
        JsonValueKind.Null => null,
        JsonValueKind.Array when v.GetArrayLength() == 2 && v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Number) =>
            (v[0].GetDouble(), v[1].GetDouble()),
        // Adafactor's eps = (None, 1e-3).
        JsonValueKind.Array when v.GetArrayLength() == 2 && v[0].ValueKind == JsonValueKind.Null && v[1].ValueKind == JsonValueKind.Number =>
            ((double?)null, v[1].GetDouble()),
        // Three betas (AdEMAMix): a list of numbers.
        JsonValueKind.Array when v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Number) =>
            v.EnumerateArray().Select(x => x.GetDouble()).ToArray(),
        _ => v.ToString(),
    };
}
