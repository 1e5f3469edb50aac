using System.Collections;
using System.Globalization;
using Descent.Optim.Schedulers;

namespace Descent.Training;

/// <summary>
/// Converts a <see cref="SchedulerStateDict"/> to and from the plain values of a <see cref="Callback.StateDict"/>:
/// a dictionary with the scheduler's class under <c>scheduler_type</c> and its fields under their PyTorch keys,
/// number lists as arrays, and the states of nested schedulers (ChainedScheduler, SequentialLR) as a dictionary of
/// such dictionaries keyed <c>"0"</c>, <c>"1"</c>, … in order, a form checkpoint files can hold.
/// </summary>
internal static class SchedulerState
{
    public const string TypeKey = "scheduler_type";

    public static Dictionary<string, object?> ToPlain(SchedulerStateDict state)
    {
        var plain = new Dictionary<string, object?> { [TypeKey] = state.SchedulerType };
        foreach ((string key, object? value) in state.Fields)
        {
            plain[key] = value is IEnumerable<SchedulerStateDict> nested
                ? nested.Select((s, i) => (Key: i.ToString(CultureInfo.InvariantCulture), State: ToPlain(s))).ToDictionary(x => x.Key, x => (object?)x.State)
                : value;
        }
        return plain;
    }

    /// <summary>
    /// Rebuilds a state dict from <paramref name="plain"/>, giving every value the type of the same entry in
    /// <paramref name="template"/> (the live scheduler's own state): a checkpoint may return integer lists as
    /// doubles and number lists as lists of boxed numbers.
    /// </summary>
    /// <exception cref="ArgumentException">The state lacks the scheduler's class, or a nested state is malformed.</exception>
    public static SchedulerStateDict FromPlain(IReadOnlyDictionary<string, object?> plain, SchedulerStateDict template)
    {
        if (!plain.TryGetValue(TypeKey, out object? type) || type is not string typeName)
        {
            throw new ArgumentException($"The scheduler state lacks '{TypeKey}'.", nameof(plain));
        }
        var fields = new Dictionary<string, object?>();
        foreach ((string key, object? value) in plain)
        {
            if (key != TypeKey)
            {
                template.Fields.TryGetValue(key, out object? like);
                fields[key] = Convert(value, like, key);
            }
        }
        return new SchedulerStateDict(typeName, fields);
    }

    private static object? Convert(object? value, object? like, string key) => (value, like) switch
    {
        (IReadOnlyDictionary<string, object?> map, IReadOnlyList<SchedulerStateDict> nested) => Enumerable.Range(0, map.Count)
            .Select(i => FromPlain(
                map.TryGetValue(i.ToString(CultureInfo.InvariantCulture), out object? s) && s is IReadOnlyDictionary<string, object?> state
                    ? state
                    : throw new ArgumentException($"The scheduler state entry '{key}' lacks the state of nested scheduler {i}."),
                nested[Math.Min(i, nested.Count - 1)]))
            .ToArray(),
        (IEnumerable list and not string, double[]) => list.Cast<object>().Select(v => System.Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray(),
        (IEnumerable list and not string, int[]) => list.Cast<object>().Select(v => System.Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToArray(),
        _ => value,
    };
}
