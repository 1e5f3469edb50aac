namespace Descent.Optim.Schedulers;

/// <summary>Decays each group's learning rate polynomially to zero over <c>totalIters</c> epochs, then keeps it.</summary>
/// <remarks>
/// Closed form: ηₜ = η₀ · f(t), f(t) = (1 − min(t, T) / T)^power. The chainable form, which Descent steps with as
/// PyTorch does, multiplies the current rate by f(t) / f(t − 1) (PyTorch: ((1 − t / T) / (1 − (t − 1) / T))^power).
/// </remarks>
public sealed class PolynomialLR : LRScheduler
{
    private int _totalIters;
    private double _power;

    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="totalIters"/> not positive (PyTorch divides by it) or <paramref name="power"/> negative or NaN
    /// (PyTorch fails at <c>totalIters</c> raising 0 to it).
    /// </exception>
    public PolynomialLR(Optimizer optimizer, int totalIters = 5, double power = 1.0, int lastEpoch = -1)
        : base(optimizer, lastEpoch)
    {
        Throw.OutOfRangeIf(totalIters <= 0, nameof(totalIters), totalIters, $"totalIters must be a positive number of epochs, got {totalIters}.");
        Throw.OutOfRangeIf(!(power >= 0), nameof(power), power, $"power must be >= 0, got {Check.Format(power)}.");
        _totalIters = totalIters;
        _power = power;
        InitialStep();
    }

    /// <inheritdoc/>
    /// <remarks>Current PyTorch keeps the rates on the initial step (1.13: last_epoch == 0); they differ only when resuming.</remarks>
    protected override double[] GetLr() => IsInitial ? CurrentLrs() : ScaleCurrent(Schedule.Ratio(Factor, _lastEpoch));

    /// <inheritdoc/>
    protected override double[] GetClosedFormLr() => ScaleBase(Factor(_lastEpoch));

    private double Factor(int epoch) => Schedule.PolynomialFactor(epoch, _totalIters, _power);
}
