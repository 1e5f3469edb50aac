using Descent.Optim.Codec;

namespace Descent.Optim;

/// <summary>
/// A list of parameters that share hyperparameters — PyTorch's param-group dict. Before it joins an optimizer a
/// group may override some of the optimizer's defaults by key (<c>new ParamGroup(ps) { ["lr"] = 1e-3 }</c>) or
/// carry complete typed options; once joined, its hyperparameters are mutable (schedulers change
/// <see cref="Lr"/> between steps) and every change is validated.
/// </summary>
public sealed class ParamGroup
{
    private readonly Dictionary<string, object?> _overrides = [];
    private Dictionary<string, object?> _extras = [];
    private OptimizerOptions? _options;

    /// <summary>A group of <paramref name="parameters"/> that takes the optimizer's defaults.</summary>
    public ParamGroup(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Params = parameters.ToArray();
        foreach (Parameter? p in Params)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(parameters));
        }
    }

    /// <summary>
    /// A group of named parameters (as a module's <c>NamedParameters()</c> yields them): the state dict carries the
    /// names in <c>param_names</c>, as PyTorch does when given named parameters, and a non-strict load maps by them.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty or appears twice.</exception>
    public ParamGroup(IEnumerable<(string Name, Parameter Parameter)> namedParameters)
        : this((namedParameters ?? throw new ArgumentNullException(nameof(namedParameters))).ToArray())
    {
    }

    private ParamGroup((string Name, Parameter Parameter)[] named)
        : this(named.Select(n => n.Parameter))
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string name, _) in named)
        {
            Throw.ArgumentIf(string.IsNullOrEmpty(name), "a parameter name is empty", "namedParameters");
            Throw.ArgumentIf(!seen.Add(name), $"the parameter name '{name}' appears twice in a param group", "namedParameters");
        }
        ParamNames = named.Select(n => n.Name).ToArray();
    }

    /// <summary>A group with complete typed options, which must be of the optimizer's options type.</summary>
    public ParamGroup(IEnumerable<Parameter> parameters, OptimizerOptions options)
        : this(parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The parameters, in order.</summary>
    public IReadOnlyList<Parameter> Params { get; }

    /// <summary>The parameters' names, in the order of <see cref="Params"/>, for a group built from named parameters; null otherwise.</summary>
    public IReadOnlyList<string>? ParamNames { get; }

    /// <summary>The optimizer this group belongs to, once added.</summary>
    public Optimizer? Optimizer { get; private set; }

    /// <summary>The group's typed hyperparameters; setting validates them and checks their type.</summary>
    /// <exception cref="InvalidOperationException">Read before the group joined an optimizer without typed options.</exception>
    public OptimizerOptions Options
    {
        get => _options ?? throw new InvalidOperationException(
            "This param group has not joined an optimizer yet, so its options are not known; read them after construction.");
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (Optimizer is not null && value.GetType() != Optimizer.Defaults.GetType())
            {
                throw new ArgumentException(
                    $"{Optimizer.GetType().Name} needs {Optimizer.Defaults.GetType().Name}, got {value.GetType().Name}.", nameof(value));
            }
            value.Validate();
            _options = value;
        }
    }

    /// <summary>The learning rate of this group.</summary>
    public double Lr
    {
        get => _options?.Lr ?? (double)(this["lr"] ?? throw new InvalidOperationException("lr is not set."));
        set => this["lr"] = value;
    }

    /// <summary>The learning rate a scheduler started from (PyTorch's <c>initial_lr</c>), or null before any scheduler.</summary>
    public double? InitialLr
    {
        get => _extras.TryGetValue("initial_lr", out object? v) ? (double?)v : null;
        set => _extras["initial_lr"] = value;
    }

    /// <summary>
    /// A hyperparameter by PyTorch key (<c>"lr"</c>, <c>"betas"</c>, <c>"weight_decay"</c>, …). Keys that are not
    /// hyperparameters of the optimizer are kept beside them, as PyTorch keeps any key a scheduler writes
    /// (<c>initial_lr</c>, <c>max_lr</c>, …); the optimizer refuses unknown keys given before it is built.
    /// </summary>
    public object? this[string key]
    {
        get => _options is not null && StateCodec.HasKey(_options.GetType(), key) ? StateCodec.Get(_options, key)
            : _extras.TryGetValue(key, out object? extra) || _overrides.TryGetValue(key, out extra) ? extra
            : throw new KeyNotFoundException($"Param group has no key '{key}'.");
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            if (_options is null)
            {
                _overrides[key] = value;
            }
            else if (StateCodec.HasKey(_options.GetType(), key))
            {
                Options = StateCodec.With(_options, key, value);
            }
            else
            {
                _extras[key] = value;
            }
        }
    }

    /// <summary>Whether the group has a value for <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) =>
        (_options is not null && StateCodec.HasKey(_options.GetType(), key)) || _extras.ContainsKey(key) || _overrides.ContainsKey(key);

    /// <summary>Every key and value: hyperparameters in PyTorch's order, then the extra keys.</summary>
    public IReadOnlyDictionary<string, object?> ToDictionary()
    {
        Dictionary<string, object?> result = _options is null ? new(_overrides) : StateCodec.Export(_options);
        foreach ((string key, object? value) in _extras.Where(e => e.Value is not null))
        {
            result[key] = value;
        }
        return result;
    }

    /// <summary>Joins <paramref name="optimizer"/>: defaults fill what the group does not set.</summary>
    internal void Attach(Optimizer optimizer)
    {
        Throw.ArgumentIf(Optimizer is not null, "This param group already belongs to an optimizer; create a new ParamGroup.");
        OptimizerOptions defaults = optimizer.Defaults;
        OptimizerOptions options = _options ?? defaults;
        Throw.ArgumentIf(options.GetType() != defaults.GetType(),
            $"{optimizer.GetType().Name} needs {defaults.GetType().Name}, got {options.GetType().Name}.");
        foreach ((string key, object? value) in _overrides)
        {
            Throw.ArgumentIf(!StateCodec.HasKey(options.GetType(), key),
                $"{optimizer.GetType().Name} has no hyperparameter '{key}' (known: {string.Join(", ", StateCodec.Keys(options.GetType()))}).");
            options = StateCodec.With(options, key, value);
        }
        options.Validate();
        _options = options;
        _overrides.Clear();
        Optimizer = optimizer;
    }

    /// <summary>Replaces options and extra keys at once, after the caller validated them (state-dict loading).</summary>
    internal void Restore(OptimizerOptions options, IReadOnlyDictionary<string, object?> extras)
    {
        _options = options;
        _extras = new(extras);
    }
}
