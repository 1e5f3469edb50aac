namespace Descent.Optim.Schedulers;

/// <summary>
/// Cycles each group's learning rate between <c>baseLr</c> and <c>maxLr</c> (cyclical learning rates, Smith 2017)
/// and, by default, its momentum inversely between <c>maxMomentum</c> and <c>baseMomentum</c>. Step it per batch.
/// </summary>
/// <remarks>
/// With T = stepSizeUp + stepSizeDown, r = stepSizeUp / T and t the batch index:
/// <code>
/// c  = ⌊1 + t/T⌋                            cycle, from 1
/// x  = 1 + t/T − c                           position in the cycle, in [0, 1)
/// f  = x/r if x ≤ r, else (x − 1)/(r − 1)    rises 0 → 1, then falls back to 0
/// ηₜ = η_base + (η_max − η_base)·f·s
/// μₜ = μ_max − (μ_max − μ_base)·f·s
/// </code>
/// where s = 1 (triangular), 1/2^(c − 1) (triangular2), γᵗ (exp_range), or a user function of c or of t.
/// The momentum is the group's <c>momentum</c>, or β₁ of <c>betas</c> for the Adam family (current PyTorch;
/// 1.13 cycled only <c>momentum</c>). A user scale function is not state: rebuild with it to load a state dict.
/// </remarks>
public sealed class CyclicLR : LRScheduler
{
    private double[] _maxLrs;
    private double _totalSize;
    private double _stepRatio;
    private CyclicLRMode _mode;
    private double _gamma;
    private CyclicScaleMode _scaleMode;
    private bool _cycleMomentum;
    private bool _useBeta1;
    private double[]? _baseMomentums;
    private double[]? _maxMomentums;
    private readonly Func<double, double>? _scaleFn;

    /// <summary>Creates the schedule; when <paramref name="lastEpoch"/> is −1 every group's rate is set to its <paramref name="baseLr"/>.</summary>
    /// <param name="optimizer">The optimizer whose rates (and momenta) are cycled.</param>
    /// <param name="baseLr">The lower rate of the cycle, for all groups or per group.</param>
    /// <param name="maxLr">The upper rate of the cycle, for all groups or per group.</param>
    /// <param name="stepSizeUp">Batches in the rising half of a cycle (positive).</param>
    /// <param name="stepSizeDown">Batches in the falling half; null: <paramref name="stepSizeUp"/>.</param>
    /// <param name="mode">The amplitude policy; ignored when <paramref name="scaleFn"/> is given.</param>
    /// <param name="gamma">The per-batch decay of <see cref="CyclicLRMode.ExpRange"/>.</param>
    /// <param name="scaleFn">A custom amplitude scale, 0 ≤ s(x) ≤ 1, replacing <paramref name="mode"/>.</param>
    /// <param name="scaleMode">What <paramref name="scaleFn"/> is evaluated on; the built-in modes imply their own.</param>
    /// <param name="cycleMomentum">Cycle the momentum (or β₁) inversely to the rate.</param>
    /// <param name="baseMomentum">The lower momentum; null: 0.8.</param>
    /// <param name="maxMomentum">The upper momentum; null: 0.9.</param>
    /// <param name="lastEpoch">The last batch index when resuming, −1 for a new schedule.</param>
    /// <exception cref="ArgumentException">A per-group list of the wrong length, or momentum cycling on an optimizer without momentum or betas.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive <paramref name="stepSizeUp"/>, a negative <paramref name="stepSizeDown"/>, or an unknown mode.</exception>
    public CyclicLR(Optimizer optimizer, GroupValues baseLr, GroupValues maxLr, int stepSizeUp = 2000, int? stepSizeDown = null,
        CyclicLRMode mode = CyclicLRMode.Triangular, double gamma = 1.0, Func<double, double>? scaleFn = null,
        CyclicScaleMode scaleMode = CyclicScaleMode.Cycle, bool cycleMomentum = true, GroupValues? baseMomentum = null,
        GroupValues? maxMomentum = null, int lastEpoch = -1)
        : base(Prepare(optimizer, baseLr, maxLr, stepSizeUp, stepSizeDown, mode, scaleFn, scaleMode, cycleMomentum, baseMomentum, maxMomentum, lastEpoch,
            out double[] baseLrs, out double[] maxLrs, out bool useBeta1, out double[] baseMomentums, out double[] maxMomentums), lastEpoch)
    {
        _maxLrs = maxLrs;
        _totalSize = stepSizeUp + (double)(stepSizeDown ?? stepSizeUp);
        _stepRatio = stepSizeUp / _totalSize;
        _mode = mode;
        _gamma = gamma;
        _scaleFn = scaleFn;
        _scaleMode = scaleFn is not null ? scaleMode : mode == CyclicLRMode.ExpRange ? CyclicScaleMode.Iterations : CyclicScaleMode.Cycle;
        _cycleMomentum = cycleMomentum;
        (_useBeta1, _baseMomentums, _maxMomentums) = cycleMomentum ? (useBeta1, baseMomentums, maxMomentums) : (false, null, null);
        InitialStep();
        // PyTorch assigns base_lrs only after its initial step, so that step starts from the groups' initial_lr
        // (which differs from baseLr only when the groups already had one, e.g. when resuming).
        _baseLrs = baseLrs;
    }

    /// <inheritdoc/>
    protected override double[] GetLr()
    {
        (double cycle, double factor) = Schedule.Position(_lastEpoch, _totalSize, _stepRatio);
        double scale = Scale(_scaleMode == CyclicScaleMode.Cycle ? cycle : _lastEpoch);

        double[] lrs = new double[_maxLrs.Length];
        for (int i = 0; i < lrs.Length; i++)
        {
            lrs[i] = _baseLrs[i] + (_maxLrs[i] - _baseLrs[i]) * factor * scale;
            if (_cycleMomentum)
            {
                // As in PyTorch, computing the rates also sets the momenta.
                CycledMomentum.Set(Optimizer.ParamGroups[i], _useBeta1, _maxMomentums![i] - (_maxMomentums[i] - _baseMomentums![i]) * factor * scale);
            }
        }
        return lrs;
    }

    private double Scale(double x) => _scaleFn is not null ? _scaleFn(x) : _mode switch
    {
        CyclicLRMode.Triangular => 1.0,
        CyclicLRMode.Triangular2 => 1 / Math.Pow(2.0, x - 1),
        _ => Math.Pow(_gamma, x),
    };

    // Checks every argument before anything is written; a new schedule sets each group's rate to its base rate (the
    // base constructor records it as initial_lr, as PyTorch's does) and starts the momentum cycle.
    private static Optimizer Prepare(Optimizer optimizer, GroupValues baseLr, GroupValues maxLr, int stepSizeUp, int? stepSizeDown,
        CyclicLRMode mode, Func<double, double>? scaleFn, CyclicScaleMode scaleMode, bool cycleMomentum,
        GroupValues? baseMomentum, GroupValues? maxMomentum, int lastEpoch,
        out double[] baseLrs, out double[] maxLrs, out bool useBeta1, out double[] baseMomentums, out double[] maxMomentums)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        int groups = optimizer.ParamGroups.Count;
        baseLrs = baseLr.Resolve(groups, nameof(baseLr));
        maxLrs = maxLr.Resolve(groups, nameof(maxLr));
        Throw.OutOfRangeIf(stepSizeUp <= 0, nameof(stepSizeUp), stepSizeUp, $"stepSizeUp must be a positive number of iterations, got {stepSizeUp}.");
        Throw.OutOfRangeIf(stepSizeDown < 0, nameof(stepSizeDown), stepSizeDown, $"stepSizeDown must not be negative, got {stepSizeDown}.");
        Throw.OutOfRangeIf(scaleFn is null && !Enum.IsDefined(mode), nameof(mode), mode, "mode is invalid and scale_fn is None");
        Throw.OutOfRangeIf(scaleFn is not null && !Enum.IsDefined(scaleMode), nameof(scaleMode), scaleMode, $"scaleMode must be Cycle or Iterations, got {scaleMode}.");
        useBeta1 = cycleMomentum && CycledMomentum.UsesBeta1(optimizer, nameof(cycleMomentum));
        baseMomentums = cycleMomentum ? (baseMomentum ?? 0.8).Resolve(groups, nameof(baseMomentum)) : [];
        maxMomentums = cycleMomentum ? (maxMomentum ?? 0.9).Resolve(groups, nameof(maxMomentum)) : [];
        if (lastEpoch == -1)
        {
            for (int i = 0; i < groups; i++)
            {
                optimizer.ParamGroups[i].Lr = baseLrs[i];
            }
            CycledMomentum.Start(optimizer, useBeta1, baseMomentums, maxMomentums);
        }
        return optimizer;
    }
}
