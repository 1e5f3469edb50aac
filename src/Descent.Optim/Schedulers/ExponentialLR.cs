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
    /// <remarks>γᵗ / γᵗ⁻¹ = γ. Current PyTorch keeps the rates on the initial step, also when resuming (1.13 tested last_epoch == 0).</remarks>
    protected override double[] GetLr() => IsInitial ? CurrentLrs() : ScaleCurrent(_gamma);

    /// <inheritdoc/>
    protected override double[] GetClosedFormLr() => ScaleBase(Math.Pow(_gamma, _lastEpoch));
}
