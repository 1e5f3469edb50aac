using System.Globalization;

namespace Descent.Optim.Tests.Schedulers;

/// <summary>Reads the scheduler options of a fixture (PyTorch names and values) as Descent's argument types.</summary>
internal static class FixtureOptions
{
    /// <summary>A "float or list" option: a number, or a pair for the fixtures' two groups; null when absent.</summary>
    public static GroupValues? Groups(IReadOnlyDictionary<string, object?> o, string key) =>
        o.TryGetValue(key, out object? v) ? v switch
        {
            double d => d,
            (double a, double b) => new[] { a, b },
            _ => throw new ArgumentException($"option {key} = {v} is neither a number nor a pair"),
        } : null;

    /// <summary>An enum option by PyTorch's spelling ("exp_range" → ExpRange), or <paramref name="fallback"/>.</summary>
    public static T Enum<T>(IReadOnlyDictionary<string, object?> o, string key, T fallback) where T : struct, System.Enum =>
        o.TryGetValue(key, out object? v) && v is string s
            ? System.Enum.Parse<T>(string.Concat(s.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..])))
            : fallback;

    public static bool Bool(IReadOnlyDictionary<string, object?> o, string key, bool fallback) =>
        o.TryGetValue(key, out object? v) && v is bool b ? b : fallback;

    public static int? Int(IReadOnlyDictionary<string, object?> o, string key) =>
        o.TryGetValue(key, out object? v) && v is not null ? (int)Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;
}
