using Descent.Optim;

namespace Descent.Interop.Pt;

/// <summary>
/// Translates between torch's optimizer <c>state_dict</c> (<c>{"state": {index: {key: value}}, "param_groups":
/// [{…, "params": [indices]}]}</c>) and Descent's <see cref="OptimizerStateDict"/>. Both use PyTorch's key names;
/// what differs is what each side keeps beside the hyperparameters.
/// </summary>
/// <remarks>
/// Reading: torch's implementation switches (<c>foreach</c>, <c>capturable</c>, <c>differentiable</c>,
/// <c>fused</c>) choose how torch computes, not what, so they are dropped; a hyperparameter of the Descent
/// optimizer that the file lacks (AdamW's <c>decoupled_weight_decay</c>, which torch 1.13 does not save) keeps
/// the optimizer's current value. Writing: Descent's keys are written as they are, and torch fills the switches
/// it misses with their defaults when it loads the dict (<c>Optimizer.__setstate__</c>).
/// </remarks>
internal static class PtOptimizerLayout
{
    private static readonly HashSet<string> s_torchSwitches = ["foreach", "capturable", "differentiable", "fused"];

    public static OptimizerStateDict FromTorch(object? root, Optimizer target)
    {
        if (root is not PtDict dict || !dict.TryGetValue("state", out object? stateValue) || !dict.TryGetValue("param_groups", out object? groupsValue))
        {
            throw new FormatException($"it holds {PickleReader.Describe(root)}, not an optimizer state dict (a dict of 'state' and 'param_groups')");
        }
        if (stateValue is not PtDict state || groupsValue is not List<object?> groups)
        {
            throw new FormatException("its 'state' is not a dict or its 'param_groups' not a list");
        }
        var current = target.StateDict();
        var paramGroups = new List<ParamGroupState>();
        for (int g = 0; g < groups.Count; g++)
        {
            if (groups[g] is not PtDict group || !group.TryGetValue("params", out object? indices) || indices is not List<object?> list)
            {
                throw new FormatException($"param group {g} is not a dict with a list of 'params'");
            }
            var hyper = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach ((object key, object? value) in group)
            {
                string name = key as string ?? throw new FormatException($"param group {g} has a key {PickleReader.Describe(key)}");
                if (name != "params" && !s_torchSwitches.Contains(name))
                {
                    hyper[name] = Hyperparameter(value, $"param group {g}, '{name}'");
                }
            }
            if (g < current.ParamGroups.Count)
            {
                foreach ((string key, object? value) in current.ParamGroups[g].Hyperparameters)
                {
                    hyper.TryAdd(key, value);
                }
            }
            paramGroups.Add(new ParamGroupState(hyper, list.Select(i => Index(i, $"param group {g}")).ToArray()));
        }
        var entries = new Dictionary<int, IReadOnlyDictionary<string, object>>();
        foreach ((object key, object? value) in state)
        {
            int index = Index(key, "the state");
            if (value is not PtDict perParameter)
            {
                throw new FormatException($"the state of parameter {index} is {PickleReader.Describe(value)}, not a dict");
            }
            entries[index] = perParameter.ToDictionary(
                e => e.Key as string ?? throw new FormatException($"the state of parameter {index} has a key {PickleReader.Describe(e.Key)}"),
                e => StateEntry(e.Value, $"the state of parameter {index}, '{e.Key}'"));
        }
        return new OptimizerStateDict(target.GetType().Name, paramGroups, entries);
    }

    public static void ToTorch(PickleWriter w, OptimizerStateDict stateDict)
    {
        var root = new KeyValuePair<string, Action>[]
        {
            new("state", () => w.Dict(stateDict.State.OrderBy(kv => kv.Key), ordered: false,
                entries => w.Dict(entries, ordered: false, w.Value))),
            new("param_groups", () => w.List(stateDict.ParamGroups, group => w.Dict(
                group.Hyperparameters.Append(new KeyValuePair<string, object?>("params", group.Params)), ordered: false, w.Value))),
        };
        w.Dict(root, ordered: false, write => write());
    }

    private static object? Hyperparameter(object? value, string where) => value switch
    {
        null or bool or string or long or double => value,
        PtTuple { Items: [double or long, double or long] } pair => (ToDouble(pair.Items[0]), ToDouble(pair.Items[1])),
        PtTuple t when t.Items.All(x => x is double or long) => t.Items.Select(ToDouble).ToArray(),
        List<object?> l when l.All(x => x is double or long) => l.Select(ToDouble).ToArray(),
        PtTensor t when t.Data.NumElements == 1 => (double)t.ToTensor().Item(),
        _ => throw new FormatException($"{where} holds {PickleReader.Describe(value)}, which is not a hyperparameter Descent knows how to read"),
    };

    private static object StateEntry(object? value, string where) => value switch
    {
        PtTensor t => t.ToTensor(),
        long or double => Tensor.Scalar((float)ToDouble(value)),
        List<object?> l when l.All(x => x is PtTensor) => l.Cast<PtTensor>().Select(t => t.ToTensor()).ToList(),
        _ => throw new FormatException($"{where} holds {PickleReader.Describe(value)}, not a tensor or number"),
    };

    private static int Index(object? value, string where) =>
        value is long l && l is >= 0 and <= int.MaxValue ? (int)l : throw new FormatException($"{where} has a parameter index {PickleReader.Describe(value)}");

    private static double ToDouble(object? x) => x is long l ? l : (double)x!;
}
