namespace Descent.Optim;

/// <summary>
/// An optimizer that decides when, and on which gradients, another optimizer steps, as optax's <c>MultiSteps</c>
/// and <c>apply_if_finite</c> wrap a transformation. It shares the inner optimizer's param groups (a scheduler, a
/// learning-rate change or <see cref="Optimizer.ZeroGrad"/> on the wrapper reaches the inner one) and wraps its
/// state dict: the type becomes <c>Wrapper(Inner)</c>, the wrapper's counters join every group's entries and its
/// per-parameter buffers join the parameters' state.
/// </summary>
public abstract class OptimizerWrapper : Optimizer
{
    /// <summary>Wraps <paramref name="inner"/>, which keeps its groups, state and hooks.</summary>
    /// <exception cref="ArgumentException"><paramref name="inner"/> is L-BFGS, which re-evaluates the loss within its step.</exception>
    private protected OptimizerWrapper(Optimizer inner)
        : base(inner)
    {
        // L-BFGS needs the closure inside its step; a wrapper steps the inner optimizer without one.
        Throw.ArgumentIf(inner is LBFGS, $"{GetType().Name} cannot wrap LBFGS, which re-evaluates the loss several times within one step", nameof(inner));
        Inner = inner;
    }

    /// <summary>The wrapped optimizer.</summary>
    public Optimizer Inner { get; }

    /// <summary>Runs the step pre-hooks, lets the wrapper decide about the inner step, then runs the post-hooks.</summary>
    public sealed override void Step()
    {
        RunStepHooks(post: false);
        using (Autograd.NoGrad())
        {
            Advance();
        }
        RunStepHooks(post: true);
    }

    /// <inheritdoc/>
    public sealed override ParameterState? GetState(Parameter parameter) => Inner.GetState(parameter);

    /// <inheritdoc/>
    public sealed override OptimizerStateDict StateDict()
    {
        OptimizerStateDict inner = Inner.StateDict();
        IReadOnlyDictionary<string, object> counters = Counters();
        var groups = inner.ParamGroups.Select(g => g with
        {
            Hyperparameters = new Dictionary<string, object?>(g.Hyperparameters.Concat(counters.Select(c => new KeyValuePair<string, object?>(c.Key, c.Value)))),
        }).ToList();
        var state = inner.State.ToDictionary(kv => kv.Key, kv => kv.Value);
        Parameter[] parameters = AllParameters();
        for (int i = 0; i < parameters.Length; i++)
        {
            if (Buffers(parameters[i]) is { Count: > 0 } buffers)
            {
                var entries = state.TryGetValue(i, out IReadOnlyDictionary<string, object>? s) ? new Dictionary<string, object>(s) : [];
                foreach ((string key, Tensor value) in buffers)
                {
                    entries[key] = value.Clone();
                }
                state[i] = entries;
            }
        }
        return new OptimizerStateDict($"{GetType().Name}({inner.OptimizerType})", groups, state);
    }

    /// <summary>
    /// Loads a dict written by <see cref="StateDict"/> of the same wrapper over the same optimizer type. Everything is
    /// checked first, the wrapper's counters and buffers and then the inner dict, so a dict that does not fit throws
    /// <see cref="ArgumentException"/> and leaves both unchanged.
    /// </summary>
    public sealed override void LoadStateDict(OptimizerStateDict stateDict) => Load(stateDict, strict: true);

    /// <summary>
    /// Loads strictly, or with <paramref name="strict"/> false maps the inner state and the wrapper's buffers by
    /// parameter name (see <see cref="Optimizer.LoadStateDict(OptimizerStateDict, bool)"/>); the counters are the dict's.
    /// </summary>
    public sealed override OptimizerLoadResult LoadStateDict(OptimizerStateDict stateDict, bool strict) => Load(stateDict, strict);

    private OptimizerLoadResult Load(OptimizerStateDict stateDict, bool strict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        string prefix = GetType().Name + "(";
        Throw.ArgumentIf(!stateDict.OptimizerType.StartsWith(prefix, StringComparison.Ordinal) || !stateDict.OptimizerType.EndsWith(')'),
            $"Cannot load a {stateDict.OptimizerType} state dict into {GetType().Name}({Inner.GetType().Name}).", nameof(stateDict));
        Throw.ArgumentIf(strict && stateDict.ParamGroups.Count != ParamGroups.Count,
            $"loaded state dict has {stateDict.ParamGroups.Count} parameter groups, but the optimizer has {ParamGroups.Count}", nameof(stateDict));
        Throw.ArgumentIf(stateDict.ParamGroups.Count == 0, "the state dict has no param groups", nameof(stateDict));
        string[] counterKeys = [.. Counters().Keys];
        IReadOnlyDictionary<string, object?> first = stateDict.ParamGroups[0].Hyperparameters;
        var counters = new Dictionary<string, object?>();
        foreach (string key in counterKeys)
        {
            Throw.ArgumentIf(!first.TryGetValue(key, out object? value), $"the state dict has no '{key}' for {GetType().Name}", nameof(stateDict));
            counters[key] = value;
        }

        Dictionary<int, Parameter> live = strict ? ByPosition(stateDict) : ByName(stateDict);
        string[] bufferKeys = [.. BufferKeys];
        var buffers = new Dictionary<Parameter, Dictionary<string, Tensor>>(ReferenceEqualityComparer.Instance);
        var innerState = new Dictionary<int, IReadOnlyDictionary<string, object>>();
        foreach ((int index, IReadOnlyDictionary<string, object> entries) in stateDict.State)
        {
            bool known = live.TryGetValue(index, out Parameter? p);
            Throw.ArgumentIf(strict && !known, $"State for parameter {index}, which no param group lists.", nameof(stateDict));
            var own = new Dictionary<string, Tensor>();
            foreach (string key in bufferKeys.Where(entries.ContainsKey))
            {
                // By name, a parameter this optimizer lacks drops its buffers, as the inner load drops its state.
                if (p is null)
                {
                    continue;
                }
                Throw.ArgumentIf(entries[key] is not Tensor t || !t.Shape.SequenceEqual(p.Shape),
                    $"state '{key}' of parameter {index} must be a tensor of the parameter's shape", nameof(stateDict));
                own[key] = ((Tensor)entries[key]).Clone();
            }
            if (own.Count > 0)
            {
                buffers[p!] = own;
            }
            var rest = entries.Where(e => !bufferKeys.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
            if (rest.Count > 0)
            {
                innerState[index] = rest;
            }
        }
        Action restore = Restore(counters, buffers);
        var innerGroups = stateDict.ParamGroups.Select(g => g with
        {
            Hyperparameters = g.Hyperparameters.Where(h => !counterKeys.Contains(h.Key)).ToDictionary(h => h.Key, h => h.Value),
        }).ToList();
        OptimizerLoadResult result = Inner.LoadStateDict(new OptimizerStateDict(stateDict.OptimizerType[prefix.Length..^1], innerGroups, innerState), strict);
        restore();
        return result;
    }

    /// <summary>Saved index → live parameter, group by group, as a strict load pairs them.</summary>
    private Dictionary<int, Parameter> ByPosition(OptimizerStateDict stateDict)
    {
        var live = new Dictionary<int, Parameter>();
        for (int g = 0; g < ParamGroups.Count; g++)
        {
            ParamGroupState saved = stateDict.ParamGroups[g];
            Throw.ArgumentIf(saved.Params.Count != ParamGroups[g].Params.Count,
                $"loaded state dict contains a parameter group that doesn't match the size of optimizer's group: group {g} has {saved.Params.Count} parameters in the dict and {ParamGroups[g].Params.Count} in the optimizer", "stateDict");
            for (int i = 0; i < saved.Params.Count; i++)
            {
                live[saved.Params[i]] = ParamGroups[g].Params[i];
            }
        }
        return live;
    }

    /// <summary>Saved index → the live parameter of the same name; the inner load checks that both sides have names.</summary>
    private Dictionary<int, Parameter> ByName(OptimizerStateDict stateDict)
    {
        var byName = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        foreach (ParamGroup group in ParamGroups.Where(g => g.ParamNames is not null))
        {
            for (int i = 0; i < group.Params.Count; i++)
            {
                byName[group.ParamNames![i]] = group.Params[i];
            }
        }
        var live = new Dictionary<int, Parameter>();
        foreach (ParamGroupState saved in stateDict.ParamGroups.Where(g => g.ParamNames is not null && g.ParamNames.Count == g.Params.Count))
        {
            for (int i = 0; i < saved.Params.Count; i++)
            {
                if (byName.TryGetValue(saved.ParamNames![i], out Parameter? p))
                {
                    live[saved.Params[i]] = p;
                }
            }
        }
        return live;
    }

    /// <summary>Decides about this step: steps <see cref="Inner"/> or not, on the gradients it chooses; runs with grad mode off.</summary>
    private protected abstract void Advance();

    /// <summary>The wrapper's counters and settings by state-dict key, written into every group.</summary>
    private protected abstract IReadOnlyDictionary<string, object> Counters();

    /// <summary>The keys of the wrapper's per-parameter buffers.</summary>
    private protected virtual IEnumerable<string> BufferKeys => [];

    /// <summary>The wrapper's buffers of <paramref name="parameter"/> by key, or null when it has none.</summary>
    private protected virtual IReadOnlyDictionary<string, Tensor>? Buffers(Parameter parameter) => null;

    /// <summary>
    /// Checks counters (read from the first group) and buffers loaded from a dict, throwing
    /// <see cref="ArgumentException"/> when they do not fit, and returns the action that installs them.
    /// </summary>
    private protected abstract Action Restore(IReadOnlyDictionary<string, object?> counters, IReadOnlyDictionary<Parameter, Dictionary<string, Tensor>> buffers);

    /// <summary>Reads an integer counter, as a file gives it back (an int, or an integral double).</summary>
    private protected static int ReadCount(IReadOnlyDictionary<string, object?> counters, string key, int min = 0) =>
        counters[key] switch
        {
            int i when i >= min => i,
            double d when d == Math.Floor(d) && d >= min && d <= int.MaxValue => (int)d,
            var v => throw new ArgumentException($"the state dict's '{key}' must be an integer of at least {min}, got {v ?? "None"}", "stateDict"),
        };

    /// <summary>Every parameter, groups in order, as the state dict indexes them.</summary>
    private protected Parameter[] AllParameters() => ParamGroups.SelectMany(g => g.Params).ToArray();

    /// <inheritdoc/>
    protected sealed override void UpdateGroup(ParamGroup group) =>
        throw new InvalidOperationException("A wrapper steps its inner optimizer, never a group of its own.");

    private protected sealed override ParameterState DecodeState(IReadOnlyDictionary<string, object> entries, Parameter parameter, string where) =>
        throw new InvalidOperationException("A wrapper's inner optimizer decodes the per-parameter state.");
}
