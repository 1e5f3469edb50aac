using System.Collections.Concurrent;
using System.Reflection;

namespace Descent.Optim.Codec;

/// <summary>
/// Reads and writes any <see cref="ParameterState"/> by PyTorch key. Tensors are copied both ways, so a
/// state dict never aliases an optimizer's buffers; <see cref="int"/> and <see cref="float"/> entries
/// become scalar tensors, as PyTorch keeps <c>step</c>, and lists of them lists of tensors (LBFGS's history).
/// </summary>
internal static class StateCodec
{
    private static readonly ConcurrentDictionary<Type, (string Key, PropertyInfo Property)[]> s_entries = new();

    public static IReadOnlyList<(string Key, PropertyInfo Property)> Entries(Type type) => s_entries.GetOrAdd(type, static t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite && IsSupported(p.PropertyType))
        .OrderBy(p => p.MetadataToken)
        .Select(p => (p.GetCustomAttribute<StateKeyAttribute>()?.Key ?? SnakeCase.FromPascal(p.Name), p))
        .ToArray());

    public static Dictionary<string, object> ToDictionary(ParameterState state)
    {
        var result = new Dictionary<string, object>();
        foreach ((string key, PropertyInfo property) in Entries(state.GetType()))
        {
            object? value = property.GetValue(state);
            switch (value)
            {
                case Tensor t:
                    result[key] = Copy(t);
                    break;
                case int i:
                    result[key] = Tensor.Scalar(i);
                    break;
                case float f:
                    result[key] = Tensor.Scalar(f);
                    break;
                case List<Tensor> list:
                    result[key] = list.Select(Copy).ToList();
                    break;
                case List<float> numbers:
                    result[key] = numbers.Select(Tensor.Scalar).ToList();
                    break;
            }
        }
        return result;
    }

    /// <summary>
    /// Builds a state of <paramref name="type"/> from dictionary entries, checking every key, type and shape;
    /// throws <see cref="ArgumentException"/> describing the first problem, before anything is changed.
    /// </summary>
    public static ParameterState FromDictionary(Type type, IReadOnlyDictionary<string, object> entries, Tensor parameter, string where) =>
        FromDictionary(type, entries, [.. parameter.Shape], where);

    /// <summary>
    /// As <see cref="FromDictionary(Type, IReadOnlyDictionary{string, object}, Tensor, string)"/>, with tensors checked
    /// against <paramref name="shape"/> (LBFGS keeps vectors over all parameters flattened).
    /// </summary>
    public static ParameterState FromDictionary(Type type, IReadOnlyDictionary<string, object> entries, int[] shape, string where)
    {
        var state = (ParameterState)Activator.CreateInstance(type)!;
        var known = Entries(type);
        foreach (string key in entries.Keys)
        {
            if (!known.Any(e => e.Key == key))
            {
                throw new ArgumentException($"{where}: unexpected state entry '{key}' (expected {string.Join(", ", known.Select(e => e.Key))}).");
            }
        }
        foreach ((string key, PropertyInfo property) in known)
        {
            if (!entries.TryGetValue(key, out object? value))
            {
                if (IsOptional(property.PropertyType))
                {
                    continue; // absent optional entry, e.g. max_exp_avg_sq without amsgrad
                }
                throw new ArgumentException($"{where}: missing state entry '{key}'.");
            }
            if (property.PropertyType == typeof(List<Tensor>) || property.PropertyType == typeof(List<float>))
            {
                property.SetValue(state, ReadList(property.PropertyType, value, key, shape, where));
                continue;
            }
            if (value is not Tensor t)
            {
                throw new ArgumentException($"{where}: state entry '{key}' must be a tensor, got {value?.GetType().Name ?? "null"}.");
            }
            if (property.PropertyType == typeof(Tensor))
            {
                property.SetValue(state, Checked(t, key, shape, where));
            }
            else if (t.NumElements != 1)
            {
                throw new ArgumentException($"{where}: state entry '{key}' must hold one number, got shape {Format(t)}.");
            }
            else if (property.PropertyType == typeof(int))
            {
                float v = t.Item();
                if (!(v >= 0 && v <= 1 << 24 && MathF.Floor(v) == v))
                {
                    throw new ArgumentException($"{where}: state entry '{key}' must be a non-negative integer, got {v}.");
                }
                property.SetValue(state, (int)v);
            }
            else
            {
                property.SetValue(state, t.Item());
            }
        }
        return state;
    }

    private static bool IsSupported(Type t) =>
        t == typeof(Tensor) || t == typeof(int) || t == typeof(float) || t == typeof(float?) || t == typeof(List<Tensor>) || t == typeof(List<float>);

    /// <summary>Whether the entry may be absent: a property whose unset value is null.</summary>
    private static bool IsOptional(Type t) => !t.IsValueType || Nullable.GetUnderlyingType(t) is not null;

    private static object ReadList(Type type, object? value, string key, int[] shape, string where)
    {
        if (value is not IEnumerable<Tensor> items)
        {
            throw new ArgumentException($"{where}: state entry '{key}' must be a list of tensors, got {value?.GetType().Name ?? "null"}.");
        }
        if (type == typeof(List<Tensor>))
        {
            return items.Select(t => Checked(t, key, shape, where)).ToList();
        }
        return items.Select(t => t.NumElements == 1
            ? t.Item()
            : throw new ArgumentException($"{where}: state entry '{key}' must hold one number per item, got shape {Format(t)}.")).ToList();
    }

    private static Tensor Checked(Tensor t, string key, int[] shape, string where) => t.Shape.SequenceEqual(shape)
        ? Copy(t)
        : throw new ArgumentException($"{where}: state entry '{key}' has shape {Format(t)} but the parameter has shape [{string.Join(",", shape)}].");

    private static Tensor Copy(Tensor t) => Tensor.FromArray(t.ToArray(), [.. t.Shape]);

    private static string Format(Tensor t) => $"[{string.Join(",", t.Shape)}]";
}
