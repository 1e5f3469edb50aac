using Descent.Optim;

namespace Descent.Explorer.Model;

/// <summary>
/// Every optimizer of <see cref="OptimizerRegistry"/> with its hyperparameters and defaults, read from an
/// optimizer the registry builds, so that an optimizer added to the registry appears here with its own controls.
/// </summary>
public static class OptimizerCatalog
{
    private static readonly Dictionary<string, IReadOnlyList<Hyperparameter>> s_cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered names, lower case as the command line takes them.</summary>
    public static IReadOnlyList<string> Names { get; } = OptimizerRegistry.Names.Select(n => n.ToLowerInvariant()).ToArray();

    /// <summary>The hyperparameters of <paramref name="optimizer"/>, in PyTorch's order, with their defaults.</summary>
    public static IReadOnlyList<Hyperparameter> Of(string optimizer)
    {
        if (!s_cache.TryGetValue(optimizer, out IReadOnlyList<Hyperparameter>? list))
        {
            Optimizer stand = OptimizerRegistry.Create(optimizer, [new Parameter(Tensor.Zeros(1, 1))]); // 1 x 1: Muon takes matrices only
            list = stand.ParamGroups[0].ToDictionary().Select(kv => new Hyperparameter(kv.Key, Hyperparameter.KindOf(kv.Value), kv.Value)).ToArray();
            s_cache[optimizer] = list;
        }
        return list;
    }

    /// <summary>The hyperparameter <paramref name="key"/> of <paramref name="optimizer"/>, or null.</summary>
    public static Hyperparameter? Find(string optimizer, string key) => Of(optimizer).FirstOrDefault(h => h.Key == key);
}
