namespace Descent.Optim.Schedulers;

/// <summary>Multiplies each group's learning rate by a constant <c>factor</c> until epoch <c>totalIters</c>.</summary>
/// <remarks>
/// Chainable form: η₀ ← η · factor on the initial step, ηₜ = ηₜ₋₁ · (1 / factor) at t = totalIters, else
/// ηₜ = ηₜ₋₁. Closed form: ηₜ = η₀ · factor for t &lt; totalIters, η₀ after.
/// </remarks>
public sealed class ConstantLR : LRScheduler
{
    private double _factor;
    private int _totalIters;

    /// <summary>Creates the schedule; <paramref name="factor"/> must lie in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is outside [0, 1] or NaN.</exception>
    public ConstantLR(Optimizer optimizer, double factor = 1.0 / 3, int totalIters = 5, int lastEpoch = -1)
        : base(optimizer, lastEpoch)
    {
        if (!(factor >= 0 && factor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor,
                $"Constant multiplicative factor expected to be between 0 and 1, got {Check.Format(factor)}.");
        }
        _factor = factor;
        _totalIters = totalIters;
        InitialStep();
    }

    /// <inheritdoc/>
    /// <exception cref="DivideByZeroException">
    /// Restoring the rates at <c>totalIters</c> with factor 0, which PyTorch refuses the same way (ZeroDivisionError).
    /// </exception>
    protected override double[] GetLr()
    {
        double[] lrs = CurrentLrs();
        if (_lastEpoch == 0)
        {
            return lrs.Select(lr => lr * _factor).ToArray();
        }
        if (_lastEpoch != _totalIters)
        {
            return lrs;
        }
        if (_factor == 0)
        {
            throw new DivideByZeroException("ConstantLR cannot restore the learning rate divided by a factor of 0 (PyTorch: float division by zero).");
        }
        // 1 / factor first, as PyTorch rounds it.
        return lrs.Select(lr => lr * (1.0 / _factor)).ToArray();
    }

    /// <inheritdoc/>
    protected override double[] GetClosedFormLr() =>
        _baseLrs.Select(lr => lr * (_factor + (_lastEpoch >= _totalIters ? 1 - _factor : 0.0))).ToArray();
}
