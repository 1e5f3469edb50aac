using System.Text;

namespace Descent.Optim.Schedulers;

/// <summary>
/// A scheduler's state in PyTorch's layout: its attributes by name (<c>last_epoch</c>, <c>base_lrs</c>,
/// <c>_step_count</c>, <c>_last_lr</c>, and the scheduler's own such as <c>step_size</c>, <c>gamma</c>).
/// Values are numbers, booleans, strings, lists of numbers, or the state dicts of the schedulers it holds.
/// </summary>
/// <param name="SchedulerType">The scheduler's class name, checked on load.</param>
/// <param name="Fields">The attributes, in declaration order.</param>
public sealed record SchedulerStateDict(string SchedulerType, IReadOnlyDictionary<string, object?> Fields)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder(SchedulerType).AppendLine(" state dict");
        foreach ((string key, object? value) in Fields)
        {
            sb.Append("  ").Append(key).Append(": ").AppendLine(Format(value));
        }
        return sb.ToString().TrimEnd();
    }

    private static string Format(object? value) => value switch
    {
        SchedulerStateDict nested => "{" + nested.ToString().Replace("\n", "\n    ") + "}",
        IEnumerable<SchedulerStateDict> list => "[" + string.Join(", ", list.Select(Format)) + "]",
        _ => OptimizerStateDict.FormatValue(value),
    };
}
