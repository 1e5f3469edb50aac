using Descent.Optim.Codec;

namespace Descent.Optim.Schedulers;

/// <summary>
/// The 1cycle policy (Smith &amp; Topin 2017): the learning rate rises from <c>maxLr / divFactor</c> to <c>maxLr</c>,
/// then falls far below the start, while the momentum moves the opposite way. Step it per batch, <see cref="TotalSteps"/> times.
/// </summary>
/// <remarks>
/// With N total steps, p = pctStart, η₀ = η_max / divFactor and η_min = η₀ / finalDivFactor, the phases end at
/// steps pN − 1 and N − 1 (two phases, fastai's default), or pN − 1, 2pN − 2 and N − 1 (three, as the paper):
/// <code>
/// two:   η₀ → η_max,  η_max → η_min           μ_max → μ_base, μ_base → μ_max
/// three: η₀ → η_max,  η_max → η₀, η₀ → η_min  μ_max → μ_base, μ_base → μ_max, μ_max
/// </code>
/// each annealed by the <see cref="AnnealStrategy"/> over the fraction of the phase done. The values are kept in the
/// param groups as PyTorch keeps them (<c>initial_lr</c>, <c>max_lr</c>, <c>min_lr</c>, <c>max_momentum</c>,
/// <c>base_momentum</c>), so they travel with the optimizer's state dict. It may be stepped until
/// <see cref="LRScheduler.LastEpoch"/> = N, one past the last phase (PyTorch extrapolates there); with linear
/// annealing that rate would be negative, and Descent sets 0.
/// </remarks>
public sealed class OneCycleLR : LRScheduler
{
    private int _totalSteps;
    [StateKey("_schedule_phases")]
    private double[] _phaseEnds;
    [StateKey("_anneal_func_type")]
    private AnnealStrategy _annealStrategy;
    private bool _cycleMomentum;
    private bool _useBeta1;

    /// <summary>Creates the schedule for <paramref name="totalSteps"/> steps, or <paramref name="epochs"/> × <paramref name="stepsPerEpoch"/>.</summary>
    /// <param name="optimizer">The optimizer whose rates (and momenta) are scheduled.</param>
    /// <param name="maxLr">The peak rate, for all groups or per group.</param>
    /// <param name="totalSteps">The number of steps in the cycle; takes precedence over epochs × stepsPerEpoch.</param>
    /// <param name="epochs">Epochs, with <paramref name="stepsPerEpoch"/>, when <paramref name="totalSteps"/> is null.</param>
    /// <param name="stepsPerEpoch">Steps per epoch, with <paramref name="epochs"/>.</param>
    /// <param name="pctStart">The fraction of the cycle spent raising the rate, in [0, 1].</param>
    /// <param name="annealStrategy">Cosine or linear annealing within each phase.</param>
    /// <param name="cycleMomentum">Cycle the momentum (or β₁) inversely to the rate.</param>
    /// <param name="baseMomentum">The lower momentum, reached at the peak rate; null: 0.85.</param>
    /// <param name="maxMomentum">The upper momentum, at the start and end; null: 0.95.</param>
    /// <param name="divFactor">The initial rate is maxLr / divFactor.</param>
    /// <param name="finalDivFactor">The final rate is the initial rate / finalDivFactor.</param>
    /// <param name="threePhase">Use the paper's three phases instead of fastai's two.</param>
    /// <param name="lastEpoch">The last batch index when resuming, −1 for a new schedule.</param>
    /// <exception cref="ArgumentException">No step count, a per-group list of the wrong length, or momentum cycling on an optimizer without momentum or betas.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive step count, <paramref name="pctStart"/> outside [0, 1], or an unknown strategy.</exception>
    public OneCycleLR(Optimizer optimizer, GroupValues maxLr, int? totalSteps = null, int? epochs = null, int? stepsPerEpoch = null,
        double pctStart = 0.3, AnnealStrategy annealStrategy = AnnealStrategy.Cos, bool cycleMomentum = true,
        GroupValues? baseMomentum = null, GroupValues? maxMomentum = null, double divFactor = 25.0, double finalDivFactor = 1e4,
        bool threePhase = false, int lastEpoch = -1)
        : base(Prepare(optimizer, maxLr, totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum,
            baseMomentum, maxMomentum, divFactor, finalDivFactor, lastEpoch, out int steps, out bool useBeta1), lastEpoch)
    {
        _totalSteps = steps;
        _phaseEnds = Schedule.PhaseEnds(_totalSteps, pctStart, threePhase);
        _annealStrategy = annealStrategy;
        _cycleMomentum = cycleMomentum;
        _useBeta1 = useBeta1;
        InitialStep();
    }

    /// <summary>The number of steps in the cycle.</summary>
    public int TotalSteps => _totalSteps;

    /// <summary>Advances one batch.</summary>
    /// <exception cref="InvalidOperationException">
    /// Stepping beyond the total number of steps, as in PyTorch; unlike PyTorch's, the refused step changes nothing.
    /// </exception>
    public override void Step()
    {
        if (_lastEpoch + 1 > _totalSteps)
        {
            throw new InvalidOperationException(
                $"Tried to step {_lastEpoch + 1} times. The specified number of total steps is {_totalSteps}");
        }
        base.Step();
    }

    /// <inheritdoc/>
    protected override double[] GetLr()
    {
        double[] lrs = new double[Optimizer.ParamGroups.Count];
        for (int g = 0; g < lrs.Length; g++)
        {
            ParamGroup group = Optimizer.ParamGroups[g];
            // At step N (after the last planned batch) pct exceeds 1 and linear annealing overshoots below zero:
            // PyTorch writes that negative rate, Descent's param groups refuse it, so the rate stops at 0.
            lrs[g] = Math.Max(Value(group, "initial_lr", "max_lr", "min_lr"), 0.0);
            if (_cycleMomentum)
            {
                CycledMomentum.Set(group, _useBeta1, Value(group, "max_momentum", "base_momentum", "max_momentum"));
            }
        }
        return lrs;
    }

    // The group keys hold the values the phases run between, as PyTorch's _schedule_phases name them.
    private double Value(ParamGroup group, string start, string peak, string end) =>
        Schedule.OneCycleValue(_lastEpoch, _phaseEnds, _annealStrategy, Read(group, start), Read(group, peak), Read(group, end));

    // Checks every argument before anything is written; a new schedule writes initial_lr, max_lr, min_lr and the
    // momenta into the groups, as PyTorch does before its base constructor runs.
    private static Optimizer Prepare(Optimizer optimizer, GroupValues maxLr, int? totalSteps, int? epochs, int? stepsPerEpoch,
        double pctStart, AnnealStrategy annealStrategy, bool cycleMomentum, GroupValues? baseMomentum, GroupValues? maxMomentum,
        double divFactor, double finalDivFactor, int lastEpoch, out int steps, out bool useBeta1)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Throw.ArgumentIf(totalSteps is null && (epochs is null || stepsPerEpoch is null), "You must define either total_steps OR (epochs AND steps_per_epoch)", nameof(totalSteps));
        Throw.OutOfRangeIf(totalSteps <= 0, nameof(totalSteps), totalSteps, $"Expected positive integer total_steps, but got {totalSteps}");
        // epochs × stepsPerEpoch counts only without totalSteps.
        Throw.OutOfRangeIf(totalSteps is null && epochs <= 0, nameof(epochs), epochs, $"Expected positive integer epochs, but got {epochs}");
        Throw.OutOfRangeIf(totalSteps is null && stepsPerEpoch <= 0, nameof(stepsPerEpoch), stepsPerEpoch, $"Expected positive integer steps_per_epoch, but got {stepsPerEpoch}");
        Throw.OutOfRangeIf(totalSteps is null && (long?)epochs * stepsPerEpoch > int.MaxValue, nameof(stepsPerEpoch), stepsPerEpoch,
            $"epochs × stepsPerEpoch = {(long?)epochs * stepsPerEpoch} steps exceeds {int.MaxValue}.");
        Throw.OutOfRangeIf(!(pctStart >= 0 && pctStart <= 1), nameof(pctStart), pctStart, $"Expected float between 0 and 1 pct_start, but got {Check.Format(pctStart)}");
        Throw.OutOfRangeIf(!Enum.IsDefined(annealStrategy), nameof(annealStrategy), annealStrategy, $"anneal_strategy must be one of 'cos' or 'linear', instead got {annealStrategy}");
        int groups = optimizer.ParamGroups.Count;
        double[] maxLrs = maxLr.Resolve(groups, nameof(maxLr));
        useBeta1 = cycleMomentum && CycledMomentum.UsesBeta1(optimizer, nameof(cycleMomentum)); // throws without momentum or betas
        double[] maxMomenta = cycleMomentum ? (maxMomentum ?? 0.95).Resolve(groups, nameof(maxMomentum)) : [];
        double[] baseMomenta = cycleMomentum ? (baseMomentum ?? 0.85).Resolve(groups, nameof(baseMomentum)) : [];
        steps = totalSteps ?? checked(epochs!.Value * stepsPerEpoch!.Value);
        Throw.OutOfRangeIf(lastEpoch + 1 > steps, nameof(lastEpoch), lastEpoch, $"Tried to step {lastEpoch + 1} times. The specified number of total steps is {steps}");
        if (lastEpoch == -1)
        {
            for (int i = 0; i < groups; i++)
            {
                ParamGroup group = optimizer.ParamGroups[i];
                double initialLr = maxLrs[i] / divFactor;
                group.InitialLr = initialLr;
                group["max_lr"] = maxLrs[i];
                group["min_lr"] = initialLr / finalDivFactor;
            }
            CycledMomentum.Start(optimizer, useBeta1, baseMomenta, maxMomenta);
        }
        // When resuming, PyTorch fails later with a KeyError.
        RequireKeys(optimizer, lastEpoch, cycleMomentum ? ["initial_lr", "max_lr", "min_lr", "max_momentum", "base_momentum"] : ["initial_lr", "max_lr", "min_lr"]);
        return optimizer;
    }
}
