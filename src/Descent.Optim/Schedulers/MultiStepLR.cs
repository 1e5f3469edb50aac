namespace Descent.Optim.Schedulers;

/// <summary>Multiplies each group's learning rate by <c>gamma</c> at each milestone epoch.</summary>
/// <remarks>
/// Chainable form: ηₜ = ηₜ₋₁ · γ when t is a milestone, else ηₜ₋₁. Closed form: ηₜ = η₀ · γ^|{m ≤ t}|.
/// PyTorch keeps the milestones as a multiset and documents that they must be increasing without checking;
/// Descent requires them strictly increasing, so each milestone multiplies by γ once.
/// </remarks>
public sealed class MultiStepLR : LRScheduler
{
    private int[] _milestones;
    private double _gamma;

    /// <summary>Creates the schedule; <paramref name="milestones"/> must be strictly increasing.</summary>
    /// <exception cref="ArgumentException">The milestones are not strictly increasing.</exception>
    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1, int lastEpoch = -1)
        : base(optimizer, lastEpoch)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        int[] sorted = milestones.ToArray();
        Throw.ArgumentIf(sorted.Zip(sorted.Skip(1)).Any(m => m.Second <= m.First), $"milestones must be strictly increasing, got [{string.Join(", ", sorted)}].", nameof(milestones));
        _milestones = sorted;
        _gamma = gamma;
        InitialStep();
    }

    /// <summary>The epochs at which the rate is multiplied by gamma.</summary>
    public IReadOnlyList<int> Milestones => _milestones;

    /// <inheritdoc/>
    protected override double[] GetLr() => ScaleCurrent(
        Math.Pow(_gamma, Schedule.MultiStepDecays(_lastEpoch, _milestones) - Schedule.MultiStepDecays(_lastEpoch - 1, _milestones)));

    /// <inheritdoc/>
    protected override double[] GetClosedFormLr() => ScaleBase(Math.Pow(_gamma, Schedule.MultiStepDecays(_lastEpoch, _milestones)));
}
