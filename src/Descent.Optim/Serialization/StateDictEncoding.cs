using System.Globalization;
using Descent.Optim.Schedulers;

namespace Descent.Optim.Serialization;

/// <summary>
/// Optimizer and scheduler state dicts as a file stores them: every tensor as a named entry, and everything
/// else (type, hyperparameters, parameter indices, scalars, scheduler fields) as one JSON document that refers
/// to the entries by name (<c>{"tensor": name}</c>, <c>{"tensors": [names]}</c>). One generic encoding for every
/// optimizer and scheduler, written by <see cref="JsonValues"/>.
/// </summary>
public static class StateDictEncoding
{
    /// <summary>Encodes an optimizer state dict; tensor entries are named <c>{prefix}state.{index}.{key}</c>.</summary>
    public static (Dictionary<string, Tensor> Tensors, string Json) Encode(OptimizerStateDict stateDict, string prefix = "optimizer.")
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        string Add(string name, Tensor t)
        {
            tensors[name] = t;
            return name;
        }
        object? Entry(string name, object value) => value switch
        {
            Tensor t => new Dictionary<string, object?> { ["tensor"] = Add(name, t) },
            IReadOnlyList<Tensor> list => new Dictionary<string, object?> { ["tensors"] = list.Select((t, i) => Add($"{name}.{i}", t)).ToArray() },
            _ => value,
        };
        var root = new Dictionary<string, object?>
        {
            ["type"] = stateDict.OptimizerType,
            ["param_groups"] = stateDict.ParamGroups.Select(g => new Dictionary<string, object?>(
                (g.ParamNames is null ? g.Hyperparameters : g.Hyperparameters.Prepend(new KeyValuePair<string, object?>("param_names", g.ParamNames)))
                    .Prepend(new KeyValuePair<string, object?>("params", g.Params)))).ToArray(),
            ["state"] = stateDict.State.OrderBy(kv => kv.Key).ToDictionary(
                kv => kv.Key.ToString(CultureInfo.InvariantCulture),
                kv => (object?)kv.Value.ToDictionary(e => e.Key, e => Entry($"{prefix}state.{kv.Key}.{e.Key}", e.Value))),
        };
        return (tensors, JsonValues.Serialize(root));
    }

    /// <summary>Decodes an optimizer state dict from its JSON and a lookup of tensor entries by name.</summary>
    /// <exception cref="FormatException">The JSON is malformed or refers to a missing entry; the message says where.</exception>
    public static OptimizerStateDict DecodeOptimizer(string json, Func<string, Tensor?> tensor)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(tensor);
        Tensor Lookup(object? name) => tensor(name as string ?? throw new FormatException("a tensor reference is not a name"))
            ?? throw new FormatException($"the state refers to a tensor '{name}' that the file does not hold");
        object Entry(int index, string key, object? value) => value switch
        {
            Dictionary<string, object?> d when d.TryGetValue("tensor", out object? name) => Lookup(name),
            Dictionary<string, object?> d => Items(d["tensors"]).Select(Lookup).ToArray(),
            null => throw new FormatException($"state entry '{key}' of parameter {index} is null"),
            _ => value,
        };
        return Decode("optimizer", json, root =>
        {
            var groups = Items(root["param_groups"]).Cast<Dictionary<string, object?>>().Select(g => new ParamGroupState(
                g.Where(p => p.Key is not ("params" or "param_names")).ToDictionary(p => p.Key, p => p.Value),
                g.TryGetValue("params", out object? indices)
                    ? Items(indices).Select(i => i is double d && d == Math.Floor(d) ? checked((int)d) : throw new FormatException($"a parameter index {i} is not an integer")).ToArray()
                    : throw new FormatException("a param group has no 'params'"))
            {
                // Absent in files written without names, which keep loading by index.
                ParamNames = g.TryGetValue("param_names", out object? names)
                    ? Items(names).Select(n => n as string ?? throw new FormatException($"a parameter name {n} is not a string")).ToArray()
                    : null,
            }).ToList();
            var state = ((Dictionary<string, object?>)root["state"]!).ToDictionary(
                s => int.Parse(s.Key, NumberStyles.None, CultureInfo.InvariantCulture),
                s => (IReadOnlyDictionary<string, object>)((Dictionary<string, object?>)s.Value!).ToDictionary(
                    e => e.Key, e => Entry(int.Parse(s.Key, NumberStyles.None, CultureInfo.InvariantCulture), e.Key, e.Value)));
            return new OptimizerStateDict(root["type"] as string ?? throw new FormatException("the optimizer type is null"), groups, state);
        });
    }

    /// <summary>Encodes a scheduler state dict as JSON (schedulers hold no tensors).</summary>
    public static string Encode(SchedulerStateDict stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        static Dictionary<string, object?> Tree(SchedulerStateDict s) => new()
        {
            ["type"] = s.SchedulerType,
            ["fields"] = s.Fields.ToDictionary(f => f.Key, f => f.Value is IEnumerable<SchedulerStateDict> nested ? nested.Select(Tree).ToArray() : f.Value),
        };
        return JsonValues.Serialize(Tree(stateDict));
    }

    /// <summary>Decodes a scheduler state dict from <see cref="Encode(SchedulerStateDict)"/>'s JSON.</summary>
    /// <exception cref="FormatException">The JSON is malformed.</exception>
    public static SchedulerStateDict DecodeScheduler(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        static SchedulerStateDict FromTree(Dictionary<string, object?> tree) => new(
            tree["type"] as string ?? throw new FormatException("the scheduler type is null"),
            ((Dictionary<string, object?>)tree["fields"]!).ToDictionary(f => f.Key, f => f.Value is object?[] items && items.Any(x => x is Dictionary<string, object?>)
                ? items.Cast<Dictionary<string, object?>>().Select(FromTree).ToArray()
                : f.Value));
        return Decode("scheduler", json, FromTree);
    }

    private static IEnumerable<object?> Items(object? list) => ((System.Collections.IEnumerable)list!).Cast<object?>();

    private static T Decode<T>(string what, string json, Func<Dictionary<string, object?>, T> build)
    {
        try
        {
            return build(JsonValues.Deserialize(json) as Dictionary<string, object?> ?? throw new FormatException($"the {what} state is not a JSON object"));
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidCastException or NullReferenceException or OverflowException or ArgumentException)
        {
            throw new FormatException($"the {what} state is malformed ({e.Message})", e);
        }
        catch (FormatException e) when (e.InnerException is System.Text.Json.JsonException)
        {
            throw new FormatException($"the {what} state is malformed ({e.InnerException.Message})", e);
        }
    }
}
