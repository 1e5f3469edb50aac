using System.Collections.Concurrent;
using System.Reflection;

namespace Descent.Optim.Codec;

/// <summary>
/// Reads and writes any <see cref="OptimizerOptions"/> record by PyTorch key: the one place that turns
/// typed hyperparameters into a param-group dictionary and back. Values are <see cref="double"/>,
/// <see cref="int"/>, <see cref="bool"/>, <see cref="string"/> (or null) and pairs of doubles.
/// </summary>
internal static class OptionsCodec
{
    private static readonly ConcurrentDictionary<Type, (string Key, PropertyInfo Property)[]> s_entries = new();

    public static IReadOnlyList<(string Key, PropertyInfo Property)> Entries(Type type) => s_entries.GetOrAdd(type, static t =>
    {
        // Base record first (lr), then each derived level in declaration order: PyTorch's order of keys.
        var levels = new List<Type>();
        for (Type? level = t; level is not null && level != typeof(object); level = level.BaseType)
        {
            levels.Insert(0, level);
        }
        return levels
            .SelectMany(level => level
                .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                .OrderBy(p => p.MetadataToken))
            .Select(p => (SnakeCase.FromPascal(p.Name), p))
            .ToArray();
    });

    public static bool HasKey(Type type, string key) => Entries(type).Any(e => e.Key == key);

    public static object? Get(OptimizerOptions options, string key)
    {
        PropertyInfo property = Find(options.GetType(), key);
        return property.GetValue(options);
    }

    /// <summary>A copy of <paramref name="options"/> with one hyperparameter replaced (not yet validated).</summary>
    public static OptimizerOptions With(OptimizerOptions options, string key, object? value)
    {
        PropertyInfo property = Find(options.GetType(), key);
        var copy = (OptimizerOptions)s_clone.Invoke(options, null)!;
        property.SetValue(copy, Convert(value, property.PropertyType, key));
        return copy;
    }

    public static Dictionary<string, object?> ToDictionary(OptimizerOptions options)
    {
        var result = new Dictionary<string, object?>();
        foreach ((string key, PropertyInfo property) in Entries(options.GetType()))
        {
            result[key] = property.GetValue(options);
        }
        return result;
    }

    private static readonly MethodInfo s_clone = typeof(OptimizerOptions).GetMethod("<Clone>$")!;

    private static PropertyInfo Find(Type type, string key)
    {
        foreach ((string k, PropertyInfo p) in Entries(type))
        {
            if (k == key)
            {
                return p;
            }
        }
        string known = string.Join(", ", Entries(type).Select(e => e.Key));
        throw new ArgumentException($"{OptimizerName(type)} has no hyperparameter '{key}' (known: {known}).", nameof(key));
    }

    private static string OptimizerName(Type optionsType) =>
        optionsType.Name.EndsWith("Options", StringComparison.Ordinal) ? optionsType.Name[..^"Options".Length] : optionsType.Name;

    private static object? Convert(object? value, Type target, string key)
    {
        Type underlying = Nullable.GetUnderlyingType(target) ?? target;
        try
        {
            return value switch
            {
                null when !target.IsValueType || Nullable.GetUnderlyingType(target) is not null => null,
                _ when value is not null && target.IsInstanceOfType(value) => value,
                IConvertible c when underlying == typeof(double) && value is not bool => c.ToDouble(null),
                IConvertible c when underlying == typeof(int) && value is not bool && IsIntegral(c.ToDouble(null)) => c.ToInt32(null),
                (double a, double b) when underlying == typeof((double, double)) => (a, b),
                ValueTuple<int, int> p when underlying == typeof((double, double)) => ((double)p.Item1, (double)p.Item2),
                double[] { Length: 2 } a when underlying == typeof((double, double)) => (a[0], a[1]),
                _ => throw new InvalidCastException(),
            };
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw new ArgumentException(
                $"Hyperparameter '{key}' expects {Describe(underlying)}, got {value ?? "null"} ({value?.GetType().Name ?? "null"}).", nameof(value));
        }
    }

    private static bool IsIntegral(double d) => Math.Floor(d) == d && Math.Abs(d) <= int.MaxValue;

    private static string Describe(Type t) =>
        t == typeof(double) ? "a number" :
        t == typeof(int) ? "an integer" :
        t == typeof(bool) ? "true or false" :
        t == typeof((double, double)) ? "a pair of numbers" :
        t.Name;
}
