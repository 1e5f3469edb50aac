using System.Collections.Concurrent;
using System.Reflection;

namespace Descent.Optim.Codec;

/// <summary>
/// Reads and writes any <see cref="ParameterState"/> by PyTorch key. Tensors are copied both ways, so a
/// state dict never aliases an optimizer's buffers; <see cref="int"/> and <see cref="float"/> entries
/// become scalar tensors, as PyTorch keeps <c>step</c>.
/// </summary>
internal static class StateCodec
{
    private static readonly ConcurrentDictionary<Type, (string Key, PropertyInfo Property)[]> s_entries = new();

    public static IReadOnlyList<(string Key, PropertyInfo Property)> Entries(Type type) => s_entries.GetOrAdd(type, static t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite && IsSupported(p.PropertyType))
        .OrderBy(p => p.MetadataToken)
        .Select(p => (SnakeCase.FromPascal(p.Name), p))
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
            }
        }
        return result;
    }

    /// <summary>
    /// Builds a state of <paramref name="type"/> from dictionary entries, checking every key, type and shape;
    /// throws <see cref="ArgumentException"/> describing the first problem, before anything is changed.
    /// </summary>
    public static ParameterState FromDictionary(Type type, IReadOnlyDictionary<string, object> entries, Tensor parameter, string where)
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
                if (property.PropertyType == typeof(Tensor))
                {
                    continue; // absent optional buffer, e.g. max_exp_avg_sq without amsgrad
                }
                throw new ArgumentException($"{where}: missing state entry '{key}'.");
            }
            if (value is not Tensor t)
            {
                throw new ArgumentException($"{where}: state entry '{key}' must be a tensor, got {value?.GetType().Name ?? "null"}.");
            }
            if (property.PropertyType == typeof(Tensor))
            {
                if (!t.Shape.SequenceEqual(parameter.Shape))
                {
                    throw new ArgumentException(
                        $"{where}: state entry '{key}' has shape {Format(t)} but the parameter has shape [{string.Join(",", parameter.Shape)}].");
                }
                property.SetValue(state, Copy(t));
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

    private static bool IsSupported(Type t) => t == typeof(Tensor) || t == typeof(int) || t == typeof(float);

    private static Tensor Copy(Tensor t) => Tensor.FromArray(t.ToArray(), [.. t.Shape]);

    private static string Format(Tensor t) => $"[{string.Join(",", t.Shape)}]";
}
