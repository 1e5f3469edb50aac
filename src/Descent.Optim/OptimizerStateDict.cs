using System.Globalization;
using System.Text;

namespace Descent.Optim;

/// <summary>One param group in a state dict: its hyperparameters by PyTorch key and its parameters as indices.</summary>
/// <param name="Hyperparameters">Keys and values in PyTorch's order (<c>lr</c>, <c>betas</c>, …, <c>initial_lr</c>).</param>
/// <param name="Params">0-based indices of the group's parameters, counted over all groups in order.</param>
public sealed record ParamGroupState(IReadOnlyDictionary<string, object?> Hyperparameters, IReadOnlyList<int> Params)
{
    /// <summary>
    /// The parameters' names in the order of <see cref="Params"/> (PyTorch's <c>param_names</c>), for an optimizer
    /// built from named parameters; null otherwise.
    /// </summary>
    public IReadOnlyList<string>? ParamNames { get; init; }
}

/// <summary>
/// An optimizer's state in PyTorch's layout: <c>param_groups</c> and <c>state</c> (parameter index → entries
/// such as <c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>). Tensors are copies: later steps of the optimizer
/// never change a state dict, and loading one copies again.
/// </summary>
/// <param name="OptimizerType">The optimizer's class name, checked on load.</param>
/// <param name="ParamGroups">The groups, in order.</param>
/// <param name="State">Per-parameter entries for the parameters that have state.</param>
public sealed record OptimizerStateDict(
    string OptimizerType,
    IReadOnlyList<ParamGroupState> ParamGroups,
    IReadOnlyDictionary<int, IReadOnlyDictionary<string, object>> State)
{
    /// <summary>Prints the dict the way PyTorch shows it, one entry a line.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(OptimizerType).AppendLine(" state dict").AppendLine("state:");
        if (State.Count == 0)
        {
            sb.AppendLine("  {}");
        }
        foreach ((int index, IReadOnlyDictionary<string, object> entries) in State.OrderBy(kv => kv.Key))
        {
            sb.Append("  ").Append(index).AppendLine(":");
            foreach ((string key, object value) in entries)
            {
                AppendEntry(sb, "    ", key, value);
            }
        }
        sb.AppendLine("param_groups:");
        foreach (ParamGroupState group in ParamGroups)
        {
            sb.Append("  - params: ").AppendLine(FormatValue(group.Params));
            if (group.ParamNames is not null)
            {
                sb.Append("    param_names: ").AppendLine(FormatValue(group.ParamNames));
            }
            foreach ((string key, object? value) in group.Hyperparameters)
            {
                AppendEntry(sb, "    ", key, value);
            }
        }
        return sb.ToString().TrimEnd();
    }

    private static void AppendEntry(StringBuilder sb, string indent, string key, object? value)
    {
        string[] lines = FormatValue(value).Split('\n');
        sb.Append(indent).Append(key).Append(": ").AppendLine(lines[0]);
        string pad = new(' ', indent.Length + key.Length + 2);
        foreach (string line in lines.Skip(1))
        {
            sb.Append(pad).AppendLine(line);
        }
    }

    /// <summary>Python's spelling of a value: True/False, None, (a, b), 1e-08, [0.1, 0.01].</summary>
    internal static string FormatValue(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        double d => FormatNumber(d),
        float f => FormatNumber(f),
        (double a, double b) => $"({FormatNumber(a)}, {FormatNumber(b)})",
        ValueTuple<double?, double> pair => $"({(pair.Item1 is { } a ? FormatNumber(a) : "None")}, {FormatNumber(pair.Item2)})",
        string s => $"'{s}'",
        System.Collections.IEnumerable list when value is IEnumerable<Tensor> or IEnumerable<double> or IEnumerable<int> or IEnumerable<string>
            => "[" + string.Join(", ", list.Cast<object>().Select(FormatValue)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Like Python's repr of a float: 0.001, 1e-08, 0.9, 10.0.</summary>
    internal static string FormatNumber(double d)
    {
        if (!double.IsFinite(d))
        {
            return double.IsNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
        }
        string r = d.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOf('E');
        if (e >= 0)
        {
            // .NET writes 1E-08; Python writes 1e-08.
            int exponent = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
            return $"{r[..e]}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }
        if (Math.Abs(d) < 1e-4 && d != 0)
        {
            return d.ToString("0.#################e-00", CultureInfo.InvariantCulture);
        }
        return r.Contains('.') ? r : r + ".0";
    }
}
