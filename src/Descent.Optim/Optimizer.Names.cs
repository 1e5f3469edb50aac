using Descent.Optim.Codec;

namespace Descent.Optim;

public abstract partial class Optimizer
{
    /// <summary>
    /// Loads <paramref name="stateDict"/> strictly (as <see cref="LoadStateDict(OptimizerStateDict)"/>), or, with
    /// <paramref name="strict"/> false, maps per-parameter state by name (PyTorch's <c>param_names</c>): the
    /// parameters may be reordered, regrouped, missing or extra. Both this optimizer and the dict must carry names.
    /// </summary>
    /// <remarks>
    /// In a non-strict load, group <c>g</c> takes the hyperparameters of the dict's group <c>g</c> where the dict has
    /// one (a group beyond the dict's keeps its own); each named parameter takes the state saved under its name, and a
    /// parameter the dict does not name starts afresh (no state), as after construction. Everything is checked before
    /// anything changes, so a dict that does not fit throws <see cref="ArgumentException"/> and leaves this optimizer unchanged.
    /// </remarks>
    /// <returns>The names this optimizer has and the dict lacks, and the names the dict has and this optimizer lacks; both empty for a strict load.</returns>
    public virtual OptimizerLoadResult LoadStateDict(OptimizerStateDict stateDict, bool strict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        if (strict)
        {
            LoadStateDict(stateDict);
            return new OptimizerLoadResult([], []);
        }
        Throw.ArgumentIf(stateDict.OptimizerType != GetType().Name,
            $"Cannot load a {stateDict.OptimizerType} state dict into {GetType().Name}.", nameof(stateDict));
        Throw.ArgumentIf(_groups.Any(g => g.ParamNames is null),
            "a non-strict load maps state by parameter name, but this optimizer was built from parameters without names", nameof(stateDict));
        Throw.ArgumentIf(stateDict.ParamGroups.Any(g => g.ParamNames is null),
            "a non-strict load maps state by parameter name, but the state dict has no param_names", nameof(stateDict));

        // The saved parameter index of every saved name.
        var savedIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (ParamGroupState saved in stateDict.ParamGroups)
        {
            Throw.ArgumentIf(saved.ParamNames!.Count != saved.Params.Count,
                $"a param group of the state dict has {saved.Params.Count} parameters but {saved.ParamNames.Count} param_names", nameof(stateDict));
            for (int i = 0; i < saved.Params.Count; i++)
            {
                Throw.ArgumentIf(!savedIndex.TryAdd(saved.ParamNames[i], saved.Params[i]),
                    $"the parameter name '{saved.ParamNames[i]}' appears twice in the state dict", nameof(stateDict));
            }
        }

        var options = new (OptimizerOptions Options, Dictionary<string, object?> Extras)?[_groups.Count];
        for (int g = 0; g < _groups.Count && g < stateDict.ParamGroups.Count; g++)
        {
            options[g] = StateCodec.DecodeGroup(Defaults, stateDict.ParamGroups[g].Hyperparameters, g);
        }
        var newState = new Dictionary<Parameter, ParameterState>(ReferenceEqualityComparer.Instance);
        var missing = new List<string>();
        var liveNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (ParamGroup group in _groups)
        {
            for (int i = 0; i < group.Params.Count; i++)
            {
                string name = group.ParamNames![i];
                liveNames.Add(name);
                if (!savedIndex.TryGetValue(name, out int index))
                {
                    missing.Add(name);
                }
                else if (stateDict.State.TryGetValue(index, out IReadOnlyDictionary<string, object>? entries))
                {
                    newState[group.Params[i]] = DecodeState(entries, group.Params[i], $"state of parameter '{name}'");
                }
            }
        }
        string[] unexpected = savedIndex.Keys.Where(n => !liveNames.Contains(n)).ToArray();

        for (int g = 0; g < _groups.Count; g++)
        {
            if (options[g] is { } restored)
            {
                _groups[g].Restore(restored.Options, restored.Extras);
            }
        }
        _state = newState;
        return new OptimizerLoadResult(missing, unexpected);
    }

    /// <summary>Refuses a strict load whose group <paramref name="g"/> names its parameters otherwise than this optimizer does.</summary>
    private static void CheckNames(ParamGroupState saved, ParamGroup live, int g)
    {
        if (saved.ParamNames is null || live.ParamNames is null)
        {
            return;
        }
        int at = Enumerable.Range(0, Math.Min(saved.ParamNames.Count, live.ParamNames.Count))
            .FirstOrDefault(i => saved.ParamNames[i] != live.ParamNames[i], -1);
        Throw.ArgumentIf(at >= 0,
            $"parameter {at} of group {g} is '{saved.ParamNames[Math.Max(at, 0)]}' in the state dict but '{live.ParamNames[Math.Max(at, 0)]}' in the optimizer; "
            + "load with strict: false to map state by name", "stateDict");
    }
}
