using System.Numerics.Tensors;

namespace Descent.Optim;

/// <summary>
/// Skips steps whose gradients hold a NaN or an infinity, as optax's <c>apply_if_finite</c>: such a step leaves the
/// parameters and the inner optimizer's state as they were. After more than <see cref="MaxConsecutiveErrors"/> such
/// steps in a row it gives up and lets the step through.
/// </summary>
/// <remarks>
/// The counters are optax's: <c>notfinite_count</c> (consecutive non-finite steps, reset by a finite one),
/// <c>last_finite</c> and <c>total_notfinite</c> (never reset), kept in each group of the state dict with
/// <c>max_consecutive_errors</c>. Wrapped around <see cref="MultiSteps"/>, a non-finite mini-batch is left out of
/// the accumulation, as optax's <c>skip_not_finite</c> does; inside it, the accumulated mean is checked instead.
/// </remarks>
public sealed class ApplyIfFinite : OptimizerWrapper
{
    /// <summary>Wraps <paramref name="inner"/>, ignoring up to <paramref name="maxConsecutiveErrors"/> non-finite steps in a row.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxConsecutiveErrors"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="inner"/> is L-BFGS.</exception>
    public ApplyIfFinite(Optimizer inner, int maxConsecutiveErrors)
        : base(inner)
    {
        Throw.OutOfRangeIf(maxConsecutiveErrors < 0, nameof(maxConsecutiveErrors), maxConsecutiveErrors,
            $"max_consecutive_errors must not be negative, got {maxConsecutiveErrors}");
        MaxConsecutiveErrors = maxConsecutiveErrors;
    }

    /// <summary>The most non-finite steps in a row that are skipped; the next one is applied.</summary>
    public int MaxConsecutiveErrors { get; }

    /// <summary>Non-finite steps in a row up to now (optax's <c>notfinite_count</c>).</summary>
    public int NotFiniteCount { get; private set; }

    /// <summary>Whether the last step's gradients were finite (optax's <c>last_finite</c>).</summary>
    public bool LastFinite { get; private set; } = true;

    /// <summary>Every non-finite step so far (optax's <c>total_notfinite</c>).</summary>
    public int TotalNotFinite { get; private set; }

    private protected override void Advance()
    {
        bool finite = AllParameters().All(p => p.Grad is null || TensorPrimitives.IsFiniteAll(p.Grad.AsReadOnlySpan()));
        NotFiniteCount = finite ? 0 : Increment(NotFiniteCount);
        if (finite || NotFiniteCount > MaxConsecutiveErrors)
        {
            Inner.Step();
        }
        LastFinite = finite;
        TotalNotFinite = finite ? TotalNotFinite : Increment(TotalNotFinite);
    }

    // optax's safe_increment: a counter saturates instead of wrapping around.
    private static int Increment(int n) => n == int.MaxValue ? n : n + 1;

    private protected override IReadOnlyDictionary<string, object> Counters() => new Dictionary<string, object>
    {
        ["notfinite_count"] = NotFiniteCount,
        ["last_finite"] = LastFinite,
        ["total_notfinite"] = TotalNotFinite,
        ["max_consecutive_errors"] = MaxConsecutiveErrors,
    };

    private protected override Action Restore(IReadOnlyDictionary<string, object?> counters, IReadOnlyDictionary<Parameter, Dictionary<string, Tensor>> buffers)
    {
        int max = ReadCount(counters, "max_consecutive_errors");
        Throw.ArgumentIf(max != MaxConsecutiveErrors,
            $"the state dict allows {max} consecutive non-finite steps, but this ApplyIfFinite allows {MaxConsecutiveErrors}", "stateDict");
        int count = ReadCount(counters, "notfinite_count");
        int total = ReadCount(counters, "total_notfinite");
        bool last = counters["last_finite"] as bool? ?? throw new ArgumentException("the state dict's 'last_finite' must be true or false", "stateDict");
        return () => (NotFiniteCount, LastFinite, TotalNotFinite) = (count, last, total);
    }
}
