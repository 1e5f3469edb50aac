using System.Diagnostics.CodeAnalysis;

namespace Descent.Optim.Schedulers;

/// <summary>The schedulers' argument checks, one line each: the condition that refuses, the argument and PyTorch's message.</summary>
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

    /// <exception cref="ArgumentException">When <paramref name="refused"/>.</exception>
    public static void ArgumentIf([DoesNotReturnIf(true)] bool refused, string message, string paramName)
    {
        if (refused)
        {
            throw new ArgumentException(message, paramName);
        }
    }
}
