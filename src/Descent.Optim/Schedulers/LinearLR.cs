namespace Descent.Optim.Schedulers;

/// <summary>
/// Scales each group's learning rate by a factor that moves linearly from <c>startFactor</c> to <c>endFactor</c>
/// over <c>totalIters</c> epochs, then keeps it (a warm-up when <c>startFactor</c> &lt; <c>endFactor</c>).
/// </summary>
/// <remarks>
/// Closed form: ηₜ = η₀ · f(t), f(t) = s + (e − s) · min(t, T) / T. The chainable form, which Descent steps with as
/// PyTorch does, multiplies the current rate by f(t) / f(t − 1): by s at epoch 0, then (PyTorch writes the same
/// ratio as 1 + (e − s) / (T · s + (t − 1) · (e − s))) until T; a resumed initial step keeps the rates.
/// </remarks>
public sealed class LinearLR : LRScheduler
{
    private double _startFactor;
    private double _endFactor;
    private int _totalIters;

    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A factor outside its range, or <paramref name="totalIters"/> not positive (PyTorch's closed form divides by it).
    /// </exception>
    public LinearLR(Optimizer optimizer, double startFactor = 1.0 / 3, double endFactor = 1.0, int totalIters = 5, int lastEpoch = -1)
        : base(optimizer, lastEpoch)
    {
        Throw.OutOfRangeIf(!(startFactor > 0 && startFactor <= 1), nameof(startFactor), startFactor, $"Starting multiplicative factor expected to be greater than 0 and less or equal to 1, got {Check.Format(startFactor)}.");
        Throw.OutOfRangeIf(!(endFactor >= 0 && endFactor <= 1), nameof(endFactor), endFactor, $"Ending multiplicative factor expected to be between 0 and 1, got {Check.Format(endFactor)}.");
        Throw.OutOfRangeIf(totalIters <= 0, nameof(totalIters), totalIters, $"totalIters must be a positive number of epochs, got {totalIters}.");
        _startFactor = startFactor;
        _endFactor = endFactor;
        _totalIters = totalIters;
        InitialStep();
    }

    /// <inheritdoc/>
    protected override double[] GetLr() =>
        IsInitial && _lastEpoch != 0 ? CurrentLrs() : ScaleCurrent(Schedule.Ratio(Factor, _lastEpoch));

    /// <inheritdoc/>
    protected override double[] GetClosedFormLr() => ScaleBase(Factor(_lastEpoch));

    private double Factor(int epoch) => Schedule.LinearFactor(epoch, _startFactor, _endFactor, _totalIters);
}
