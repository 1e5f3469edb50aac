namespace Descent.Optim;

/// <summary>
/// Every optimizer by its PyTorch name (case-insensitive: <c>"adamw"</c>, <c>"SGD"</c>), so that training code,
/// tuning and the command line can build one from a name and PyTorch-keyed hyperparameters.
/// </summary>
public static class OptimizerRegistry
{
    private static readonly Dictionary<string, Func<IEnumerable<ParamGroup>, Optimizer>> s_factories =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["SGD"] = groups => new SGD(groups),
            ["Adam"] = groups => new Adam(groups),
            ["AdamW"] = groups => new AdamW(groups),
            ["RMSprop"] = groups => new RMSprop(groups),
            ["Adagrad"] = groups => new Adagrad(groups),
            ["Adadelta"] = groups => new Adadelta(groups),
            ["Adamax"] = groups => new Adamax(groups),
            ["NAdam"] = groups => new NAdam(groups),
            ["RAdam"] = groups => new RAdam(groups),
            ["ASGD"] = groups => new ASGD(groups),
            ["Rprop"] = groups => new Rprop(groups),
            ["LBFGS"] = groups => new LBFGS(groups),
            ["schedulefree_adamw"] = groups => new AdamWScheduleFree(groups),
            ["schedulefree_sgd"] = groups => new SGDScheduleFree(groups),
            ["adopt"] = groups => new ADOPT(groups),
            ["ademamix"] = groups => new AdEMAMix(groups),
            ["prodigy"] = groups => new Prodigy(groups),
            ["Adafactor"] = groups => new Adafactor(groups),
            ["Muon"] = groups => new Muon(groups),
            ["Lion"] = groups => new Lion(groups),
            ["Lamb"] = groups => new Lamb(groups),
            ["Lars"] = groups => new Lars(groups),
        };

    /// <summary>The registered names, in PyTorch's spelling.</summary>
    public static IReadOnlyList<string> Names => s_factories.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Whether <paramref name="name"/> names an optimizer.</summary>
    public static bool Contains(string name) => s_factories.ContainsKey(name);

    /// <summary>
    /// Builds the optimizer <paramref name="name"/> over <paramref name="parameters"/> with its defaults overridden by
    /// <paramref name="options"/> (PyTorch keys: <c>lr</c>, <c>betas</c>, <c>weight_decay</c>, …).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown optimizer or hyperparameter; the message lists the known ones.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter outside its range.</exception>
    public static Optimizer Create(string name, IEnumerable<Parameter> parameters, IReadOnlyDictionary<string, object?>? options = null) =>
        Create(name, () => new ParamGroup(parameters), options);

    /// <summary>
    /// Builds the optimizer <paramref name="name"/> over named parameters (a module's <c>NamedParameters()</c>), so that
    /// its state dict carries <c>param_names</c>; otherwise as <see cref="Create(string, IEnumerable{Parameter}, IReadOnlyDictionary{string, object?}?)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown optimizer or hyperparameter, or a name empty or given twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter outside its range.</exception>
    public static Optimizer Create(string name, IEnumerable<(string Name, Parameter Parameter)> namedParameters, IReadOnlyDictionary<string, object?>? options = null) =>
        Create(name, () => new ParamGroup(namedParameters), options);

    private static Optimizer Create(string name, Func<ParamGroup> newGroup, IReadOnlyDictionary<string, object?>? options)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!s_factories.TryGetValue(name, out Func<IEnumerable<ParamGroup>, Optimizer>? factory))
        {
            throw new ArgumentException($"Unknown optimizer '{name}' (known: {string.Join(", ", Names)}).", nameof(name));
        }
        IReadOnlyDictionary<string, object?> given = options ?? new Dictionary<string, object?>();
        if (given.Keys.Any(OptionSpellings.MayRename))
        {
            // Another reference's spelling: read the optimizer's own keys off a stand-in (1 x 1, which Muon takes too).
            ParamGroup defaults = factory([new ParamGroup([new Parameter(Tensor.Zeros(1, 1))])]).ParamGroups[0];
            given = OptionSpellings.Normalize(given, defaults);
        }
        ParamGroup group = newGroup();
        foreach ((string key, object? value) in given)
        {
            group[key] = value;
        }
        return factory([group]);
    }
}
