namespace Descent.Optim.Schedulers;

/// <summary>Multiplies each group's learning rate by <c>gamma</c> every <c>stepSize</c> epochs.</summary>
/// <remarks>Closed form: ηₜ = η₀ · γ^⌊t / stepSize⌋.</remarks>
public sealed class StepLR : LRScheduler
{
    private int _stepSize;
    private double _gamma;

    /// <summary>Creates the schedule; <paramref name="stepSize"/> must be positive.</summary>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1, int lastEpoch = -1)
        : base(optimizer, lastEpoch)
    {
        Throw.OutOfRangeIf(stepSize <= 0, nameof(stepSize), stepSize, $"stepSize must be a positive number of epochs, got {stepSize}.");
        _stepSize = stepSize;
        _gamma = gamma;
        InitialStep();
    }

    /// <inheritdoc/>
    protected override double[] GetLr() =>
        ScaleCurrent(Math.Pow(_gamma, Schedule.StepDecays(_lastEpoch, _stepSize) - Schedule.StepDecays(_lastEpoch - 1, _stepSize)));

    /// <inheritdoc/>
    protected override double[] GetClosedFormLr() => ScaleBase(Math.Pow(_gamma, Schedule.StepDecays(_lastEpoch, _stepSize)));
}
