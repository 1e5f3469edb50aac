namespace Descent.Optim.Schedulers;

/// <summary>Multiplies each group's learning rate by <c>gamma</c> every epoch.</summary>
/// <remarks>Closed form: ηₜ = η₀ · γᵗ.</remarks>
public sealed class ExponentialLR : LRScheduler
{
    private double _gamma;

    /// <summary>Creates the schedule.</summary>
    public ExponentialLR(Optimizer optimizer, double gamma, int lastEpoch = -1)
        : base(optimizer, lastEpoch)
    {
        _gamma = gamma;
        InitialStep();
    }

    /// <inheritdoc/>
    protected override double[] GetLr()
    {
        double[] lrs = CurrentLrs();
        return _lastEpoch == 0 ? lrs : lrs.Select(lr => lr * _gamma).ToArray();
    }
}
