using System.Text;

namespace Descent.NN;

public abstract partial class Module
{
    /// <summary>
    /// A copy of the module's state: every parameter and persistent buffer under its dotted name, in
    /// PyTorch's order (each module's parameters, then its buffers, then its children).
    /// </summary>
    /// <remarks>
    /// The values are detached copies, so later training does not change them. A module reachable under two
    /// names appears under both, as in PyTorch.
    /// </remarks>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var state = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        using (Autograd.NoGrad())
        {
            foreach ((string key, Tensor value) in StateEntries())
            {
                state[key] = value.Detach().Clone();
            }
        }
        return state;
    }

    /// <summary>
    /// Copies values from <paramref name="stateDict"/> into the module's parameters and persistent buffers,
    /// in place, so that optimizers holding those parameters see the new values.
    /// </summary>
    /// <param name="stateDict">Values keyed as <see cref="StateDict"/> names them.</param>
    /// <param name="strict">
    /// True (the default) requires the keys to match exactly; false loads the entries that match and reports
    /// the others.
    /// </param>
    /// <returns>The keys that were missing from <paramref name="stateDict"/> and those it had in excess.</returns>
    /// <exception cref="ArgumentException">
    /// A value has a different shape from the tensor it would replace, or (when <paramref name="strict"/>) keys are
    /// missing or unexpected. The message lists every problem. Nothing is changed when this is thrown: all
    /// entries are checked before any is copied.
    /// </exception>
    public LoadStateDictResult LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        List<(string Key, Tensor Value)> entries = StateEntries();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        var mismatches = new List<string>();
        foreach ((string key, Tensor current) in entries)
        {
            expected.Add(key);
            if (!stateDict.TryGetValue(key, out Tensor? source))
            {
                missing.Add(key);
            }
            else if (source is null)
            {
                mismatches.Add($"value for {key} is null.");
            }
            else if (!source.Shape.SequenceEqual(current.Shape))
            {
                mismatches.Add(
                    $"size mismatch for {key}: copying a param with shape {PyRepr.Shape(source)} from checkpoint, " +
                    $"the shape in current model is {PyRepr.Shape(current)}.");
            }
        }
        var unexpected = stateDict.Keys.Where(key => !expected.Contains(key)).ToList();

        // Shape mismatches are errors even when not strict, as in PyTorch.
        if (mismatches.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
        {
            throw new ArgumentException(LoadErrorMessage(strict ? missing : [], strict ? unexpected : [], mismatches), nameof(stateDict));
        }

        using (Autograd.NoGrad())
        {
            foreach ((string key, Tensor current) in entries)
            {
                if (stateDict.TryGetValue(key, out Tensor? source))
                {
                    source.AsReadOnlySpan().CopyTo(current.AsSpan());
                }
            }
        }
        return new LoadStateDictResult(missing, unexpected);
    }

    /// <summary>Every parameter and persistent buffer under its full key, without removing duplicates.</summary>
    private List<(string Key, Tensor Value)> StateEntries()
    {
        var entries = new List<(string, Tensor)>();
        CollectState(string.Empty, entries);
        return entries;
    }

    private void CollectState(string prefix, List<(string, Tensor)> entries)
    {
        foreach ((string name, Parameter? parameter) in _parameters)
        {
            if (parameter is not null)
            {
                entries.Add((JoinName(prefix, name), parameter));
            }
        }
        foreach ((string name, Tensor? buffer) in _buffers)
        {
            if (buffer is not null && !_nonPersistentBuffers.Contains(name))
            {
                entries.Add((JoinName(prefix, name), buffer));
            }
        }
        foreach ((string name, Module child) in _modules)
        {
            child.CollectState(JoinName(prefix, name), entries);
        }
    }

    private string LoadErrorMessage(List<string> missing, List<string> unexpected, List<string> mismatches)
    {
        var sb = new StringBuilder($"Error(s) in loading state_dict for {GetType().Name}:");
        if (missing.Count > 0)
        {
            sb.Append("\n\tMissing key(s) in state_dict: ").AppendJoin(", ", missing.Select(Quote)).Append('.');
        }
        if (unexpected.Count > 0)
        {
            sb.Append("\n\tUnexpected key(s) in state_dict: ").AppendJoin(", ", unexpected.Select(Quote)).Append('.');
        }
        foreach (string mismatch in mismatches)
        {
            sb.Append("\n\t").Append(mismatch);
        }
        return sb.ToString();
    }

    private static string Quote(string key) => "\"" + key + "\"";
}
