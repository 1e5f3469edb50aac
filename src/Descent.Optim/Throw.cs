using System.Diagnostics.CodeAnalysis;

using Descent.Optim.Schedulers;

namespace Descent.Optim;

/// <summary>Argument checks one line each: the condition that refuses, the argument and PyTorch's message.</summary>
internal static class Throw
{
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="refused"/>.</exception>
    public static void OutOfRangeIf([DoesNotReturnIf(true)] bool refused, string paramName, object? value, string message)
    {
        if (refused)
        {
            throw new ArgumentOutOfRangeException(paramName, value, message);
        }
    }

    /// <summary>
    /// Checks the schedulers that <paramref name="owner"/> (a <see cref="SequentialLR"/> or <see cref="ChainedScheduler"/>)
    /// holds: at least one, none null, none stepping on a metric, all on <paramref name="optimizer"/> (by default the first one's).
    /// </summary>
    /// <returns>The optimizer they share.</returns>
    public static Optimizer UnlessComposable(string owner, IReadOnlyList<LRScheduler> schedulers, Optimizer? optimizer, string emptyMessage)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        ArgumentIf(schedulers.Count < 1, emptyMessage, nameof(schedulers));
        for (int i = 0; i < schedulers.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(schedulers[i], $"{nameof(schedulers)}[{i}]");
        }
        optimizer ??= schedulers[0].Optimizer;
        for (int i = 0; i < schedulers.Count; i++)
        {
            ArgumentIf(schedulers[i] is ReduceLROnPlateau, $"{owner} does not support ReduceLROnPlateau, which steps on a metric, but got one at index {i}.", nameof(schedulers));
            ArgumentIf(!ReferenceEquals(schedulers[i].Optimizer, optimizer),
                $"{owner} expects all schedulers to belong to the same optimizer, but got scheduler {schedulers[i].GetType().Name} at index {i} on another optimizer.", nameof(schedulers));
        }
        return optimizer;
    }

    /// <exception cref="ArgumentException">When <paramref name="refused"/>.</exception>
    public static void ArgumentIf([DoesNotReturnIf(true)] bool refused, string message, string? paramName = null)
    {
        if (refused)
        {
            throw new ArgumentException(message, paramName);
        }
    }
}
