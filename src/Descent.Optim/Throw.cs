using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Descent.Optim.Schedulers;

namespace Descent.Optim;

/// <summary>
/// Argument checks one line each: the condition that refuses, the argument and PyTorch's message. An interpolated
/// message is formatted only when the check refuses (<see cref="Message"/>), so that checks on every step cost
/// nothing; a scheduler's closed form checks its arguments at each step.
/// </summary>
internal static class Throw
{
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="refused"/>.</exception>
    public static void OutOfRangeIf<T>([DoesNotReturnIf(true)] bool refused, string paramName, T value, string message)
    {
        if (refused)
        {
            throw new ArgumentOutOfRangeException(paramName, value, message);
        }
    }

    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="refused"/>.</exception>
    public static void OutOfRangeIf<T>([DoesNotReturnIf(true)] bool refused, string paramName, T value,
        [InterpolatedStringHandlerArgument(nameof(refused))] ref Message message)
    {
        if (refused)
        {
            throw new ArgumentOutOfRangeException(paramName, value, message.ToStringAndClear());
        }
    }

    /// <exception cref="ArgumentException">When <paramref name="refused"/>.</exception>
    public static void ArgumentIf([DoesNotReturnIf(true)] bool refused, [InterpolatedStringHandlerArgument(nameof(refused))] ref Message message,
        string? paramName = null)
    {
        if (refused)
        {
            throw new ArgumentException(message.ToStringAndClear(), paramName);
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

    /// <summary>A refusal's message, formatted only when the check refuses.</summary>
    [InterpolatedStringHandler]
    public ref struct Message
    {
        private DefaultInterpolatedStringHandler _text;

        public Message(int literalLength, int formattedCount, bool refused, out bool format)
        {
            _text = refused ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
            format = refused;
        }

        public void AppendLiteral(string value) => _text.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

        public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

        public string ToStringAndClear() => _text.ToStringAndClear();
    }
}
