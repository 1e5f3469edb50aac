using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Descent.Optim.Schedulers;

namespace Descent.Optim.Codec;

/// <summary>One state-dict entry as a member of the options, parameter state or scheduler that holds it: key, type, access.</summary>
internal sealed class StateMember
{
    private static readonly ConcurrentDictionary<Type, StateMember[]> s_members = new();
    private readonly MemberInfo _member;
    private readonly Func<object?, object?> _get;
    private readonly Action<object?, object?> _set;

    private StateMember(MemberInfo member, Type type, Func<object?, object?> get, Action<object?, object?> set)
    {
        (_member, _get, _set) = (member, get, set);
        Type = type;
        Key = member.GetCustomAttribute<StateKeyAttribute>()?.Key ?? ToSnakeCase(member.Name.TrimStart('_'));
    }

    /// <summary>The PyTorch key: the name in snake_case (<c>ExpAvgSq</c> ↔ <c>exp_avg_sq</c>) unless a <see cref="StateKeyAttribute"/> says otherwise.</summary>
    public string Key { get; }

    /// <summary>The member's declared type.</summary>
    public Type Type { get; }

    /// <summary>Whether the member can hold null (an entry that may be absent or None).</summary>
    public bool IsNullable => !Type.IsValueType || Nullable.GetUnderlyingType(Type) is not null;

    public object? Get(object owner) => _get(owner);

    public void Set(object owner, object? value) => _set(owner, value);

    /// <summary>
    /// The members of <paramref name="type"/>, base type first and each level in declaration order (PyTorch's
    /// order of keys). A scheduler's state is its fields named as PyTorch's attributes (<c>_gamma</c>, as PyTorch
    /// saves <c>__dict__</c>); options and parameter states hold theirs in public settable properties. Members of
    /// other types (the optimizer, user functions) are not state.
    /// </summary>
    public static IReadOnlyList<StateMember> Of(Type type) => s_members.GetOrAdd(type, static t =>
    {
        bool fields = typeof(LRScheduler).IsAssignableFrom(t);
        var levels = new List<Type>();
        for (Type? level = t; level is not null && level != typeof(object); level = level.BaseType)
        {
            levels.Insert(0, level);
        }
        const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        return levels
            .SelectMany(level => (fields
                ? level.GetFields(Declared).Where(f => f.Name.StartsWith('_')).Select(f => new StateMember(f, f.FieldType, f.GetValue, f.SetValue))
                : level.GetProperties(Declared)
                    .Where(p => p.GetMethod?.IsPublic == true && p.SetMethod?.IsPublic == true && p.GetIndexParameters().Length == 0)
                    .Select(p => new StateMember(p, p.PropertyType, p.GetValue, p.SetValue)))
                .Where(m => StateValue.IsSupported(m.Type)).OrderBy(m => m._member.MetadataToken))
            .ToArray();
    });

    /// <summary>The member of <paramref name="type"/> with <paramref name="key"/>, or null.</summary>
    public static StateMember? Find(Type type, string key) => Of(type).FirstOrDefault(m => m.Key == key);

    /// <summary>PascalCase to snake_case: <c>WeightDecay</c> → <c>weight_decay</c>, <c>NIter</c> → <c>n_iter</c>.</summary>
    private static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool boundary = char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
            if (boundary)
            {
                sb.Append('_');
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
