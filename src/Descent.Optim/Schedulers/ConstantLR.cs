namespace Descent.Optim.Schedulers;

/// <summary>Multiplies each group's learning rate by a constant <c>factor</c> until epoch <c>totalIters</c>.</summary>
/// <remarks>
/// Closed form: ηₜ = η₀ · f(t), f(t) = factor for t &lt; totalIters, 1 after. The chainable form multiplies the
/// current rates by f(t) / f(t − 1) (f(−1) = 1): by factor at epoch 0 and by 1 / factor at totalIters, as PyTorch.
/// With totalIters ≤ 0 the rate is never scaled (PyTorch's closed form; its chainable form scales it forever).
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
        Throw.OutOfRangeIf(!(factor >= 0 && factor <= 1), nameof(factor), factor, $"Constant multiplicative factor expected to be between 0 and 1, got {Check.Format(factor)}.");
        _factor = factor;
        _totalIters = totalIters;
        InitialStep();
    }

    /// <inheritdoc/>
    /// <exception cref="DivideByZeroException">Restoring the rates at <c>totalIters</c> from factor 0 (PyTorch's ZeroDivisionError).</exception>
    protected override double[] GetLr() => ScaleCurrent(Schedule.Ratio(Factor, _lastEpoch));

    /// <inheritdoc/>
    protected override double[] GetClosedFormLr() => ScaleBase(Factor(_lastEpoch));

    private double Factor(int epoch) => Schedule.ConstantFactor(epoch, _factor, _totalIters);
}
