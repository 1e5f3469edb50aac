using System.Collections.Concurrent;
using System.Reflection;
using Descent.Optim.Codec;

namespace Descent.Optim.Schedulers;

/// <summary>Names the state-dict key of a scheduler field whose PyTorch name is not its snake_case name.</summary>
[AttributeUsage(AttributeTargets.Field)]
internal sealed class StateKeyAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}

/// <summary>Marks a scheduler field that is not state (a user function, a cached value).</summary>
[AttributeUsage(AttributeTargets.Field)]
internal sealed class NotStateAttribute : Attribute;

/// <summary>
/// Saves and loads any <see cref="LRScheduler"/> through its fields, as PyTorch saves a scheduler's
/// <c>__dict__</c>: numbers, flags, strings, enums, number lists and nested schedulers. Loading validates
/// everything before it assigns anything.
/// </summary>
internal static class SchedulerCodec
{
    private static readonly ConcurrentDictionary<Type, (string Key, FieldInfo Field)[]> s_fields = new();

    public static SchedulerStateDict Save(LRScheduler scheduler)
    {
        var fields = new Dictionary<string, object?>();
        foreach ((string key, FieldInfo field) in Fields(scheduler.GetType()))
        {
            fields[key] = field.GetValue(scheduler) switch
            {
                double[] a => a.ToArray(),
                int[] a => a.ToArray(),
                LRScheduler[] nested => nested.Select(Save).ToArray(),
                Enum e => e.ToString(),
                var v => v,
            };
        }
        return new SchedulerStateDict(scheduler.GetType().Name, fields);
    }

    public static void Load(LRScheduler scheduler, SchedulerStateDict stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var assignments = new List<Action>();
        Decode(scheduler, stateDict, assignments);
        foreach (Action assign in assignments)
        {
            assign();
        }
    }

    private static void Decode(LRScheduler scheduler, SchedulerStateDict stateDict, List<Action> assignments)
    {
        string type = scheduler.GetType().Name;
        if (stateDict.SchedulerType != type)
        {
            throw new ArgumentException($"Cannot load a {stateDict.SchedulerType} state dict into {type}.", nameof(stateDict));
        }
        var fields = Fields(scheduler.GetType());
        foreach (string key in stateDict.Fields.Keys)
        {
            if (!fields.Any(f => f.Key == key))
            {
                throw new ArgumentException($"{type} state dict has an unexpected entry '{key}'.", nameof(stateDict));
            }
        }
        foreach ((string key, FieldInfo field) in fields)
        {
            if (!stateDict.Fields.TryGetValue(key, out object? value))
            {
                throw new ArgumentException($"{type} state dict lacks the entry '{key}'.", nameof(stateDict));
            }
            if (field.FieldType == typeof(LRScheduler[]))
            {
                var nested = (LRScheduler[])field.GetValue(scheduler)!;
                if (value is not IReadOnlyList<SchedulerStateDict> dicts || dicts.Count != nested.Length)
                {
                    throw new ArgumentException($"{type} state dict entry '{key}' must hold {nested.Length} scheduler state dicts.", nameof(stateDict));
                }
                for (int i = 0; i < nested.Length; i++)
                {
                    Decode(nested[i], dicts[i], assignments);
                }
                continue;
            }
            object? converted = Convert(value, field.FieldType, type, key, field.GetValue(scheduler));
            assignments.Add(() => field.SetValue(scheduler, converted));
        }
    }

    private static object? Convert(object? value, Type target, string type, string key, object? current)
    {
        Exception Wrong() => new ArgumentException(
            $"{type} state dict entry '{key}' has {value ?? "null"} ({value?.GetType().Name ?? "null"}), which is not a valid {target.Name}.");
        Type underlying = Nullable.GetUnderlyingType(target) ?? target;
        switch (value)
        {
            case null when !target.IsValueType || underlying != target:
                return null;
            case null:
                throw Wrong();
            case IReadOnlyList<double> list when target == typeof(double[]):
                if (current is double[] old && old.Length != list.Count)
                {
                    throw new ArgumentException($"{type} state dict entry '{key}' has {list.Count} values, expected {old.Length}.");
                }
                return list.ToArray();
            // A list read back from a file holds doubles; whole ones are the integers that were saved.
            case IReadOnlyList<int> or IReadOnlyList<double> when target == typeof(int[]):
                int[] ints = value is IReadOnlyList<int> whole
                    ? whole.ToArray()
                    : ((IReadOnlyList<double>)value).Select(d => Math.Floor(d) == d && Math.Abs(d) <= int.MaxValue ? (int)d : throw Wrong()).ToArray();
                if (current is int[] oldInts && oldInts.Length != ints.Length)
                {
                    throw new ArgumentException($"{type} state dict entry '{key}' has {ints.Length} values, expected {oldInts.Length}.");
                }
                return ints;
            case string s when underlying.IsEnum:
                // TryParse also takes digits ("7"), which name no member.
                return Enum.TryParse(underlying, s, ignoreCase: false, out object? parsed) && Enum.IsDefined(underlying, parsed!) ? parsed : throw Wrong();
            case bool b when underlying == typeof(bool):
                return b;
            case string s when underlying == typeof(string):
                return s;
            case IConvertible c when value is not bool and not string && underlying == typeof(double):
                return c.ToDouble(null);
            case IConvertible c when value is not bool and not string && underlying == typeof(int):
                double d = c.ToDouble(null);
                return Math.Floor(d) == d && Math.Abs(d) <= int.MaxValue ? (int)d : throw Wrong();
            default:
                throw Wrong();
        }
    }

    private static (string Key, FieldInfo Field)[] Fields(Type type) => s_fields.GetOrAdd(type, static t =>
    {
        var levels = new List<Type>();
        for (Type? level = t; level is not null && level != typeof(object); level = level.BaseType)
        {
            levels.Insert(0, level);
        }
        return levels
            .SelectMany(level => level.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)
                .Where(f => f.Name.StartsWith('_') && f.GetCustomAttribute<NotStateAttribute>() is null && IsStateType(f.FieldType))
                .OrderBy(f => f.MetadataToken))
            .Select(f => (f.GetCustomAttribute<StateKeyAttribute>()?.Key ?? SnakeCase.FromPascal(f.Name.TrimStart('_')), f))
            .ToArray();
    });

    private static bool IsStateType(Type t)
    {
        Type u = Nullable.GetUnderlyingType(t) ?? t;
        return u == typeof(int) || u == typeof(double) || u == typeof(bool) || u == typeof(string) || u.IsEnum
            || t == typeof(double[]) || t == typeof(int[]) || t == typeof(LRScheduler[]);
    }
}
