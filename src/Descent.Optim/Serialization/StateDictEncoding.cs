using System.Globalization;
using System.Text;
using System.Text.Json;
using Descent.Optim.Schedulers;

namespace Descent.Optim.Serialization;

/// <summary>
/// Optimizer and scheduler state dicts as a file stores them: every tensor as a named entry, and everything
/// else (type, hyperparameters, parameter indices, scalars, scheduler fields) as one JSON document that refers
/// to the entries by name. One generic encoding for every optimizer and scheduler.
/// </summary>
public static class StateDictEncoding
{
    /// <summary>Encodes an optimizer state dict; tensor entries are named <c>{prefix}state.{index}.{key}</c>.</summary>
    public static (Dictionary<string, Tensor> Tensors, string Json) Encode(OptimizerStateDict stateDict, string prefix = "optimizer.")
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", stateDict.OptimizerType);
            w.WriteStartArray("param_groups");
            foreach (ParamGroupState group in stateDict.ParamGroups)
            {
                w.WriteStartObject();
                w.WritePropertyName("params");
                JsonValues.Write(w, group.Params);
                foreach ((string key, object? value) in group.Hyperparameters)
                {
                    w.WritePropertyName(key);
                    JsonValues.Write(w, value);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("state");
            foreach ((int index, IReadOnlyDictionary<string, object> entries) in stateDict.State.OrderBy(kv => kv.Key))
            {
                w.WriteStartObject(index.ToString(CultureInfo.InvariantCulture));
                foreach ((string key, object value) in entries)
                {
                    string name = $"{prefix}state.{index}.{key}";
                    w.WritePropertyName(key);
                    switch (value)
                    {
                        case Tensor t:
                            tensors[name] = t;
                            w.WriteStartObject();
                            w.WriteString("tensor", name);
                            w.WriteEndObject();
                            break;
                        case IReadOnlyList<Tensor> list:
                            w.WriteStartObject();
                            w.WriteStartArray("tensors");
                            for (int i = 0; i < list.Count; i++)
                            {
                                tensors[$"{name}.{i}"] = list[i];
                                w.WriteStringValue($"{name}.{i}");
                            }
                            w.WriteEndArray();
                            w.WriteEndObject();
                            break;
                        default:
                            JsonValues.Write(w, value);
                            break;
                    }
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return (tensors, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>
    /// Decodes an optimizer state dict from its JSON and a lookup of tensor entries by name.
    /// </summary>
    /// <exception cref="FormatException">The JSON is malformed or refers to a missing entry; the message says where.</exception>
    public static OptimizerStateDict DecodeOptimizer(string json, Func<string, Tensor?> tensor)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(tensor);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            JsonElement root = doc.RootElement;
            string type = root.GetProperty("type").GetString() ?? throw new FormatException("the optimizer type is null");
            var groups = new List<ParamGroupState>();
            foreach (JsonElement g in root.GetProperty("param_groups").EnumerateArray())
            {
                var hyper = new Dictionary<string, object?>();
                int[]? indices = null;
                foreach (JsonProperty p in g.EnumerateObject())
                {
                    if (p.Name == "params")
                    {
                        indices = p.Value.EnumerateArray().Select(x => x.GetInt32()).ToArray();
                    }
                    else
                    {
                        hyper[p.Name] = JsonValues.Read(p.Value);
                    }
                }
                groups.Add(new ParamGroupState(hyper, indices ?? throw new FormatException("a param group has no 'params'")));
            }
            var state = new Dictionary<int, IReadOnlyDictionary<string, object>>();
            foreach (JsonProperty s in root.GetProperty("state").EnumerateObject())
            {
                int index = int.Parse(s.Name, NumberStyles.None, CultureInfo.InvariantCulture);
                var entries = new Dictionary<string, object>();
                foreach (JsonProperty e in s.Value.EnumerateObject())
                {
                    entries[e.Name] = e.Value.ValueKind == JsonValueKind.Object
                        ? e.Value.TryGetProperty("tensor", out JsonElement name)
                            ? Lookup(tensor, name.GetString())
                            : e.Value.GetProperty("tensors").EnumerateArray().Select(n => Lookup(tensor, n.GetString())).ToArray()
                        : JsonValues.Read(e.Value) ?? throw new FormatException($"state entry '{e.Name}' of parameter {index} is null");
                }
                state[index] = entries;
            }
            return new OptimizerStateDict(type, groups, state);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or OverflowException)
        {
            throw new FormatException($"the optimizer state is malformed ({e.Message})", e);
        }
    }

    /// <summary>Encodes a scheduler state dict as JSON (schedulers hold no tensors).</summary>
    public static string Encode(SchedulerStateDict stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            WriteScheduler(w, stateDict);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Decodes a scheduler state dict from <see cref="Encode(SchedulerStateDict)"/>'s JSON.</summary>
    /// <exception cref="FormatException">The JSON is malformed.</exception>
    public static SchedulerStateDict DecodeScheduler(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            return ReadScheduler(doc.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"the scheduler state is malformed ({e.Message})", e);
        }
    }

    private static void WriteScheduler(Utf8JsonWriter w, SchedulerStateDict stateDict)
    {
        w.WriteStartObject();
        w.WriteString("type", stateDict.SchedulerType);
        w.WriteStartObject("fields");
        foreach ((string key, object? value) in stateDict.Fields)
        {
            w.WritePropertyName(key);
            if (value is IEnumerable<SchedulerStateDict> nested)
            {
                w.WriteStartArray();
                foreach (SchedulerStateDict n in nested)
                {
                    WriteScheduler(w, n);
                }
                w.WriteEndArray();
            }
            else
            {
                JsonValues.Write(w, value);
            }
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static SchedulerStateDict ReadScheduler(JsonElement e)
    {
        var fields = new Dictionary<string, object?>();
        foreach (JsonProperty p in e.GetProperty("fields").EnumerateObject())
        {
            fields[p.Name] = p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().Any(x => x.ValueKind == JsonValueKind.Object)
                ? p.Value.EnumerateArray().Select(ReadScheduler).ToArray()
                : JsonValues.Read(p.Value);
        }
        return new SchedulerStateDict(e.GetProperty("type").GetString() ?? throw new FormatException("the scheduler type is null"), fields);
    }

    private static Tensor Lookup(Func<string, Tensor?> tensor, string? name) =>
        tensor(name ?? throw new FormatException("a tensor reference is null"))
        ?? throw new FormatException($"the state refers to a tensor '{name}' that the file does not hold");
}
