using System.Reflection;
using Descent.Optim.Schedulers;

namespace Descent.Optim.Codec;

/// <summary>The one state-dict codec of hyperparameters, parameter state and scheduler state: it checks everything, then assigns.</summary>
internal static class StateCodec
{
    private static readonly MethodInfo s_clone = typeof(OptimizerOptions).GetMethod("<Clone>$")!;

    /// <summary>Whether <paramref name="type"/> has an entry <paramref name="key"/>.</summary>
    public static bool HasKey(Type type, string key) => StateMember.Find(type, key) is not null;

    /// <summary>The keys of <paramref name="type"/>, in PyTorch's order.</summary>
    public static IEnumerable<string> Keys(Type type) => StateMember.Of(type).Select(m => m.Key);

    /// <summary>The value of hyperparameter <paramref name="key"/>.</summary>
    public static object? Get(OptimizerOptions options, string key) => Member(options.GetType(), key).Get(options);

    /// <summary>A copy of <paramref name="options"/> with one hyperparameter replaced (not yet validated).</summary>
    /// <exception cref="ArgumentException">No such hyperparameter, or a value of the wrong type.</exception>
    public static OptimizerOptions With(OptimizerOptions options, string key, object? value)
    {
        StateMember member = Member(options.GetType(), key);
        object? converted = StateValue.Import(value, member.Type, null, null, $"Hyperparameter '{key}'");
        var copy = (OptimizerOptions)s_clone.Invoke(options, null)!;
        member.Set(copy, converted);
        return copy;
    }

    /// <summary>The entries of <paramref name="owner"/> by key, copied; a parameter's state leaves out its null ones.</summary>
    public static Dictionary<string, object?> Export(object owner)
    {
        bool parameterState = owner is ParameterState;
        var result = new Dictionary<string, object?>();
        foreach (StateMember member in StateMember.Of(owner.GetType()))
        {
            object? value = member.Get(owner);
            if (value is null && parameterState)
            {
                continue;
            }
            result[member.Key] = value is LRScheduler[] nested ? nested.Select(Save).ToArray() : StateValue.Export(value, parameterState);
        }
        return result;
    }

    /// <summary>A scheduler's state dict.</summary>
    public static SchedulerStateDict Save(LRScheduler scheduler) => new(scheduler.GetType().Name, Export(scheduler));

    /// <summary>Loads <paramref name="stateDict"/> into <paramref name="scheduler"/> (and the schedulers it holds), or throws and changes nothing.</summary>
    public static void Load(LRScheduler scheduler, SchedulerStateDict stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        ValidateScheduler(scheduler, stateDict, []).ForEach(assign => assign());
    }

    /// <summary>A state of <paramref name="type"/> from state-dict entries, tensors of <paramref name="shape"/>; absent entries stay null.</summary>
    /// <exception cref="ArgumentException">The first problem, prefixed with <paramref name="where"/>.</exception>
    public static ParameterState FromDictionary(Type type, IReadOnlyDictionary<string, object> entries, int[] shape, string where)
    {
        var state = (ParameterState)Activator.CreateInstance(type)!;
        Validate(state, entries.ToDictionary(e => e.Key, e => (object?)e.Value), where, shape, [], extras: null).ForEach(assign => assign());
        return state;
    }

    /// <summary>A param group's options from its saved hyperparameters, validated; other keys (<c>initial_lr</c>, …) come back as extras.</summary>
    /// <exception cref="ArgumentException">A hyperparameter missing, of the wrong type or out of range.</exception>
    public static (OptimizerOptions Options, Dictionary<string, object?> Extras) DecodeGroup(
        OptimizerOptions defaults, IReadOnlyDictionary<string, object?> saved, int index)
    {
        string where = $"param group {index} of the state dict";
        var options = (OptimizerOptions)s_clone.Invoke(defaults, null)!;
        var extras = new Dictionary<string, object?>();
        Validate(options, saved, where, null, [], extras).ForEach(assign => assign());
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"{where}: {e.Message}", e);
        }
        return (options, extras);
    }

    private static List<Action> ValidateScheduler(LRScheduler scheduler, SchedulerStateDict stateDict, List<Action> assignments)
    {
        string type = scheduler.GetType().Name;
        Throw.ArgumentIf(stateDict.SchedulerType != type, $"Cannot load a {stateDict.SchedulerType} state dict into {type}.", nameof(stateDict));
        return Validate(scheduler, stateDict.Fields, $"{type} state dict", null, assignments, extras: null);
    }

    /// <summary>
    /// Checks that <paramref name="entries"/> name exactly the members of <paramref name="owner"/> (unknown keys go to
    /// <paramref name="extras"/> where given; a parameter's state may lack a nullable entry) and converts every value,
    /// adding the assignments to <paramref name="assignments"/>, which it returns; nothing is assigned here.
    /// </summary>
    private static List<Action> Validate(object owner, IReadOnlyDictionary<string, object?> entries, string where, int[]? shape,
        List<Action> assignments, Dictionary<string, object?>? extras)
    {
        bool parameterState = owner is ParameterState;
        IReadOnlyList<StateMember> members = StateMember.Of(owner.GetType());
        foreach ((string key, object? value) in entries.Where(e => !members.Any(m => m.Key == e.Key)))
        {
            Throw.ArgumentIf(extras is null, $"{where}: unexpected entry '{key}' (expected {string.Join(", ", members.Select(m => m.Key))}).");
            extras[key] = value;
        }
        foreach (StateMember member in members)
        {
            if (!entries.TryGetValue(member.Key, out object? value))
            {
                if (parameterState && member.IsNullable)
                {
                    continue; // absent optional entry, e.g. max_exp_avg_sq without amsgrad
                }
                throw new ArgumentException($"{where} lacks the entry '{member.Key}'.");
            }
            if (member.Type == typeof(LRScheduler[]))
            {
                var nested = (LRScheduler[])member.Get(owner)!;
                if (value is not IReadOnlyList<SchedulerStateDict> dicts || dicts.Count != nested.Length)
                {
                    throw new ArgumentException($"{where}: entry '{member.Key}' must hold {nested.Length} scheduler state dicts.");
                }
                for (int i = 0; i < nested.Length; i++)
                {
                    ValidateScheduler(nested[i], dicts[i], assignments);
                }
                continue;
            }
            object? converted = StateValue.Import(value, member.Type, shape, member.Get(owner), $"{where}: entry '{member.Key}'", parameterState);
            assignments.Add(() => member.Set(owner, converted));
        }
        return assignments;
    }

    private static StateMember Member(Type type, string key) => StateMember.Find(type, key) ?? throw new ArgumentException(
        $"{(type.Name.EndsWith("Options", StringComparison.Ordinal) ? type.Name[..^"Options".Length] : type.Name)} has no hyperparameter '{key}' (known: {string.Join(", ", Keys(type))}).",
        nameof(key));
}
