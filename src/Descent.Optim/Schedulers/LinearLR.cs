namespace Descent.Optim.Schedulers;

/// <summary>
/// Scales each group's learning rate by a factor that moves linearly from <c>startFactor</c> to <c>endFactor</c>
/// over <c>totalIters</c> epochs, then keeps it (a warm-up when <c>startFactor</c> &lt; <c>endFactor</c>).
/// </summary>
/// <remarks>
/// Closed form: ηₜ = η₀ · (s + (e − s) · min(t, T) / T). The chainable form, which Descent steps with as PyTorch
/// does, multiplies the current rate on the initial step by s and at 1 ≤ t ≤ T by
/// 1 + (e − s) / (T · s + (t − 1) · (e − s)), the ratio of consecutive closed-form factors.
/// </remarks>
public sealed class LinearLR : LRScheduler
{
    private double _startFactor;
    private double _endFactor;
    private int _totalIters;

    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="startFactor"/> outside (0, 1], <paramref name="endFactor"/> outside [0, 1], or
    /// <paramref name="totalIters"/> not positive: PyTorch's closed form divides by it (a ZeroDivisionError at a
    /// SequentialLR milestone), so Descent refuses it up front.
    /// </exception>
    public LinearLR(Optimizer optimizer, double startFactor = 1.0 / 3, double endFactor = 1.0, int totalIters = 5, int lastEpoch = -1)
        : base(optimizer, lastEpoch)
    {
        if (!(startFactor > 0 && startFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor,
                $"Starting multiplicative factor expected to be greater than 0 and less or equal to 1, got {Check.Format(startFactor)}.");
        }
        if (!(endFactor >= 0 && endFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(endFactor), endFactor,
                $"Ending multiplicative factor expected to be between 0 and 1, got {Check.Format(endFactor)}.");
        }
        if (totalIters <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(totalIters), totalIters, $"totalIters must be a positive number of epochs, got {totalIters}.");
        }
        _startFactor = startFactor;
        _endFactor = endFactor;
        _totalIters = totalIters;
        InitialStep();
    }

    /// <inheritdoc/>
    protected override double[] GetLr()
    {
        double[] lrs = CurrentLrs();
        if (_lastEpoch == 0)
        {
            return lrs.Select(lr => lr * _startFactor).ToArray();
        }
        if (IsInitial || _lastEpoch > _totalIters)
        {
            return lrs;
        }
        double ratio = 1.0 + (_endFactor - _startFactor)
            / (_totalIters * _startFactor + (_lastEpoch - 1) * (_endFactor - _startFactor));
        return lrs.Select(lr => lr * ratio).ToArray();
    }

    /// <inheritdoc/>
    protected override double[] GetClosedFormLr() =>
        _baseLrs.Select(lr => lr * (_startFactor + (_endFactor - _startFactor) * Math.Min(_totalIters, _lastEpoch) / _totalIters)).ToArray();
}
