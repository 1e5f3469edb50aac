using Descent.Optim.Codec;

namespace Descent.Optim.Schedulers;

/// <summary>Anneals each group's learning rate from its initial rate to <c>etaMin</c> along a cosine over <c>tMax</c> epochs.</summary>
/// <remarks>
/// Steps with PyTorch's recursive form, which reads the groups' current rates: with f(t) = (1 + cos(π t / T)) / 2,
/// ηₜ = η_min + (ηₜ₋₁ − η_min) · f(t) / f(t − 1), or ηₜ₋₁ + (η₀ − η_min) · (1 − cos(π / T)) / 2 where f(t − 1) = 0.
/// Alone it follows the closed form η_min + (η₀ − η_min) · f(t) to rounding, which it uses where PyTorch does (a
/// <see cref="SequentialLR"/> milestone); rates changed from outside make the two differ. Past T the rate rises
/// again (no restart). With η_min &gt; 0 and a rate pushed below η_min from outside, the recursive form can go below
/// zero in the rising half: PyTorch sets that rate, Descent's optimizers refuse it, so that step throws.
/// </remarks>
public sealed class CosineAnnealingLR : LRScheduler
{
    [StateKey("T_max")]
    private int _tMax;
    private double _etaMin;

    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tMax"/> not positive (PyTorch divides by it), or <paramref name="etaMin"/> negative or NaN.</exception>
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin = 0.0, int lastEpoch = -1)
        : base(optimizer, lastEpoch)
    {
        Throw.OutOfRangeIf(tMax <= 0, nameof(tMax), tMax, $"tMax must be a positive number of epochs, got {tMax}.");
        Throw.OutOfRangeIf(!(etaMin >= 0), nameof(etaMin), etaMin, $"etaMin must be a learning rate >= 0, got {Check.Format(etaMin)}.");
        _tMax = tMax;
        _etaMin = etaMin;
        InitialStep();
    }

    /// <inheritdoc/>
    protected override double[] GetLr()
    {
        double[] lrs = CurrentLrs();
        if (IsInitial)
        {
            return lrs;
        }
        // Kept from PyTorch, where the initial step now returns above: it is reached only after loading a state
        // whose _step_count is 0, and then jumps to the closed form.
        if (_stepCount == 1 && _lastEpoch > 0)
        {
            return GetClosedFormLr();
        }
        if ((_lastEpoch - 1L - _tMax) % (2L * _tMax) == 0)
        {
            // f(t − 1) = 0, so the ratio is undefined: PyTorch adds the closed form's step out of the trough instead.
            return lrs.Select((lr, i) => lr + (_baseLrs[i] - _etaMin) * (1 - Math.Cos(Math.PI / _tMax)) / 2).ToArray();
        }
        double ratio = Schedule.CosineFactor(_lastEpoch, _tMax) / Schedule.CosineFactor(_lastEpoch - 1, _tMax);
        return lrs.Select(lr => ratio * (lr - _etaMin) + _etaMin).ToArray();
    }

    /// <inheritdoc/>
    protected override double[] GetClosedFormLr() =>
        _baseLrs.Select(b => _etaMin + (b - _etaMin) * Schedule.CosineFactor(_lastEpoch, _tMax)).ToArray();
}
