namespace Descent.Optim;

/// <summary>
/// The other references' spellings of a hyperparameter, turned into the keys an optimizer's param group holds, so that
/// <see cref="OptimizerRegistry.Create(string, IEnumerable{Parameter}, IReadOnlyDictionary{string, object?}?)"/> takes
/// the keyword names of PyTorch and of optax alike: optax's <c>learning_rate</c>; its separate <c>b1</c>, <c>b2</c>,
/// <c>b3</c> where the optimizer takes PyTorch's <c>betas</c> tuple (Lion, ADOPT, AdEMAMix, Adam, …), and PyTorch's
/// <c>betas</c> where it takes optax's <c>b1</c>, <c>b2</c> (LAMB); optax's Prodigy names <c>estim_lr0</c> and
/// <c>estim_lr_coef</c> for <c>d0</c> and <c>d_coef</c>.
/// </summary>
internal static class OptionSpellings
{
    private static readonly string[] s_betaKeys = ["b1", "b2", "b3"];

    private static readonly Dictionary<string, string> s_renames = new(StringComparer.Ordinal)
    {
        ["learning_rate"] = "lr",
        ["estim_lr0"] = "d0",
        ["estim_lr_coef"] = "d_coef",
    };

    /// <summary>Whether <paramref name="key"/> is a spelling that <see cref="Normalize"/> may change.</summary>
    public static bool MayRename(string key) => s_renames.ContainsKey(key) || s_betaKeys.Contains(key) || key == "betas";

    /// <summary>
    /// <paramref name="options"/> with each key spelled as <paramref name="defaults"/> (the optimizer's own group keys
    /// and default values) spells it; keys neither spelling knows pass through, for the group to refuse by name.
    /// </summary>
    public static Dictionary<string, object?> Normalize(IReadOnlyDictionary<string, object?> options, ParamGroup defaults)
    {
        var result = new Dictionary<string, object?>();
        foreach ((string key, object? value) in options)
        {
            string k = s_renames.TryGetValue(key, out string? renamed) && !defaults.ContainsKey(key) ? renamed : key;
            result[k] = value;
        }
        bool separate = s_betaKeys.Any(result.ContainsKey) && !defaults.ContainsKey("b1") && defaults.ContainsKey("betas");
        if (separate)
        {
            double[] betas = Numbers(result.TryGetValue("betas", out object? given) ? given : defaults["betas"]);
            for (int i = 0; i < s_betaKeys.Length; i++)
            {
                if (result.Remove(s_betaKeys[i], out object? b))
                {
                    Throw.ArgumentIf(i >= betas.Length, $"'{s_betaKeys[i]}' has no place in betas of {betas.Length} numbers", s_betaKeys[i]);
                    betas[i] = System.Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            result["betas"] = betas.Length == 2 ? (betas[0], betas[1]) : betas;
        }
        else if (result.ContainsKey("betas") && defaults.ContainsKey("b1") && !defaults.ContainsKey("betas"))
        {
            result.Remove("betas", out object? pair);
            double[] betas = Numbers(pair);
            Throw.ArgumentIf(betas.Length != 2, $"betas must hold two numbers (b1, b2), got {betas.Length}", "betas");
            result.TryAdd("b1", betas[0]);
            result.TryAdd("b2", betas[1]);
        }
        return result;
    }

    private static double[] Numbers(object? value) => value switch
    {
        System.Runtime.CompilerServices.ITuple t => Enumerable.Range(0, t.Length).Select(i => System.Convert.ToDouble(t[i], System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        System.Collections.IEnumerable e and not string => e.Cast<object?>().Select(x => System.Convert.ToDouble(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        _ => throw new ArgumentException($"betas must be a list of numbers, got '{value}'", "betas"),
    };
}
