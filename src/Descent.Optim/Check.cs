using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Descent.Optim.Codec;

namespace Descent.Optim;

/// <summary>Argument checks with PyTorch's conditions and messages ("Invalid learning rate: -1").</summary>
internal static partial class Check
{
    private static readonly ConcurrentDictionary<(Type, string), Action<OptimizerOptions>[]> s_rules = new();

    /// <summary>
    /// Runs <paramref name="checks"/> on <paramref name="options"/>: bounds written as PyTorch's source writes them,
    /// comma-separated and in its order (<c>"0 &lt;= lr, 0 &lt;= eps, 0 &lt;= betas &lt; 1"</c>), on hyperparameters named
    /// by their keys. A pair or list (betas) is checked element by element.
    /// </summary>
    public static void All(OptimizerOptions options, string checks)
    {
        foreach (Action<OptimizerOptions> rule in s_rules.GetOrAdd((options.GetType(), checks), static k => Parse(k.Item1, k.Item2)))
        {
            rule(options);
        }
    }

    /// <summary>A number as Python prints it (1e-08, 0.9), so messages read as PyTorch's do.</summary>
    public static string Format(double value) => OptimizerStateDict.FormatNumber(value);

    private static Action<OptimizerOptions>[] Parse(Type type, string checks) =>
        checks.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(check =>
        {
            Match match = Bound().Match(check);
            StateMember member = (match.Success ? StateMember.Find(type, match.Groups["key"].Value) : null)
                ?? throw new InvalidOperationException($"{type.Name}: cannot read the check '{check}'.");
            string key = member.Key;
            bool strict = match.Groups["lower"].Value == "<";
            string upper = match.Groups["upper"].Value;
            Func<double, bool> ok = upper switch
            {
                "" => strict ? v => v > 0 : v => v >= 0,
                "< 1" => v => v >= 0 && v < 1,
                _ => v => v >= 0 && v <= 1,
            };
            string condition = upper switch { "" => strict ? "> 0" : ">= 0", "< 1" => "in [0, 1)", _ => "in [0, 1]" };
            // Nothing is allocated unless a check fails (beyond boxing the value read): a scheduler's every step
            // changes a group's lr, and each change is validated.
            return (Action<OptimizerOptions>)(options =>
            {
                switch (member.Get(options))
                {
                    case double number:
                        Require(ok(number), number, key, index: -1, condition);
                        break;
                    case ValueTuple<double, double> pair:
                        Require(ok(pair.Item1), pair.Item1, key, index: 0, condition);
                        Require(ok(pair.Item2), pair.Item2, key, index: 1, condition);
                        break;
                    case double[] list:
                        for (int i = 0; i < list.Length; i++)
                        {
                            Require(ok(list[i]), list[i], key, i, condition);
                        }
                        break;
                    default:
                        throw new InvalidOperationException($"{type.Name}: the check '{check}' is on something other than numbers.");
                }
            });
        }).ToArray();

    // PyTorch's wording: "learning rate", "epsilon value", "beta parameter b1", else "<key> value".
    private static string Describe(string key) => key switch
    {
        "lr" => "learning rate",
        "eps" or "adam_eps" => "epsilon value",
        "b1" or "b2" => $"beta parameter {key}",
        _ => $"{key} value",
    };

    // NaN fails every condition, so it is refused as PyTorch refuses it. An index names an element of betas.
    private static void Require(bool ok, double value, string key, int index, string condition)
    {
        if (!ok)
        {
            string description = index >= 0 ? $"beta parameter at index {index}" : Describe(key);
            throw new ArgumentOutOfRangeException(key, value, $"Invalid {description}: {Format(value)} ({key} must be {condition}).");
        }
    }

    [GeneratedRegex(@"^0 (?<lower><=|<) (?<key>\w+)(?: (?<upper><=? 1))?$")]
    private static partial Regex Bound();
}
