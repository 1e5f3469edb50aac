namespace Descent.Optim.Schedulers;

/// <summary>
/// Reduces each group's learning rate by <c>factor</c> when a metric has stopped improving for more than
/// <c>patience</c> steps. Call <see cref="Step(double)"/> with the metric (say, a validation loss) per epoch.
/// </summary>
/// <remarks>
/// <para>A metric a improves on the best so far when a &lt; best·(1 − threshold) (min, rel), a &lt; best − threshold
/// (min, abs), a &gt; best·(1 + threshold) (max, rel) or a &gt; best + threshold (max, abs). Each step that does
/// not improve counts as a bad epoch; while a cooldown runs, bad epochs are not counted. When the count exceeds
/// <c>patience</c>: η ← max(η·factor, η_min) for every group where that lowers η by more than <c>eps</c>, the
/// count resets and a cooldown of <c>cooldown</c> steps starts.</para>
/// <para>As in current PyTorch it does not follow the epoch protocol: no <c>initial_lr</c>, no initial step, and
/// <see cref="LRScheduler.LastEpoch"/> counts metric steps from 0. Beside PyTorch's entries (<c>best</c>,
/// <c>num_bad_epochs</c>, …) its state dict has the base's <c>base_lrs</c> (the rates at construction).</para>
/// </remarks>
public sealed class ReduceLROnPlateau : LRScheduler
{
    private double _factor;
    private double? _defaultMinLr;
    private double[] _minLrs;
    private int _patience;
    private int _cooldown;
    private double _eps;
    private double _modeWorse;
    private PlateauMode _mode;
    private double _threshold;
    private ThresholdMode _thresholdMode;
    private double _best;
    private int _cooldownCounter;
    private int _numBadEpochs;

    /// <summary>Creates the scheduler (see the remarks); <paramref name="minLr"/>, η_min for all groups or per group, is 0 when null.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> not below 1, or an unknown mode.</exception>
    /// <exception cref="ArgumentException">A per-group <paramref name="minLr"/> of the wrong length.</exception>
    public ReduceLROnPlateau(Optimizer optimizer, PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10,
        double threshold = 1e-4, ThresholdMode thresholdMode = ThresholdMode.Rel, int cooldown = 0, GroupValues? minLr = null,
        double eps = 1e-8)
        : base(Validated(optimizer, mode, factor, thresholdMode, minLr, out double[] minLrs), optimizer.ParamGroups.Select(g => g.Lr).ToArray())
    {
        _factor = factor;
        _defaultMinLr = minLr?.IsPerGroup == true ? null : (minLr ?? 0.0).First();
        _minLrs = minLrs;
        _patience = patience;
        _cooldown = cooldown;
        _eps = eps;
        _mode = mode;
        _modeWorse = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
        _threshold = threshold;
        _thresholdMode = thresholdMode;
        _best = _modeWorse;
    }

    /// <summary>The best metric seen so far (±∞ before the first step).</summary>
    public double Best => _best;

    /// <summary>Consecutive steps without improvement, as counted towards <c>patience</c>.</summary>
    public int NumBadEpochs => _numBadEpochs;

    /// <summary>Whether a cooldown after a reduction is running.</summary>
    public bool InCooldown => _cooldownCounter > 0;

    /// <summary>Not available: this scheduler steps on a metric.</summary>
    /// <exception cref="InvalidOperationException">Always; call <see cref="Step(double)"/>.</exception>
    public override void Step() =>
        throw new InvalidOperationException("ReduceLROnPlateau steps on a metric: call Step(metric) with the monitored value.");

    /// <summary>Records <paramref name="metric"/> and reduces the learning rates when it has plateaued.</summary>
    public void Step(double metric)
    {
        _stepCount++;
        _lastEpoch++;
        bool better = IsBetter(metric, _best);
        _best = better ? metric : _best;
        _numBadEpochs = better ? 0 : _numBadEpochs + 1;
        if (InCooldown)
        {
            _cooldownCounter--;
            _numBadEpochs = 0; // bad epochs during a cooldown do not count
        }
        if (_numBadEpochs > _patience)
        {
            ReduceLr();
            _cooldownCounter = _cooldown;
            _numBadEpochs = 0;
        }
        _lastLr = CurrentLrs();
    }

    /// <summary>The current rates: this scheduler changes them only in <see cref="Step(double)"/>.</summary>
    protected override double[] GetLr() => CurrentLrs();

    private bool IsBetter(double a, double best) => (_mode, _thresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Rel) => a < best * (1.0 - _threshold),
        (PlateauMode.Min, ThresholdMode.Abs) => a < best - _threshold,
        (PlateauMode.Max, ThresholdMode.Rel) => a > best * (_threshold + 1.0),
        _ => a > best + _threshold,
    };

    private void ReduceLr()
    {
        int groups = Optimizer.ParamGroups.Count;
        if (groups != _minLrs.Length)
        {
            // A group added since construction: a single minLr extends to it, a per-group list cannot.
            _minLrs = _defaultMinLr is double single
                ? Enumerable.Repeat(single, groups).ToArray()
                : throw new InvalidOperationException(
                    $"The number of param groups in the optimizer ({groups}) differs from when ReduceLROnPlateau was initialized ({_minLrs.Length}), "
                    + "usually due to a new param group being added to the optimizer. Give a minLr for every group.");
        }
        for (int i = 0; i < groups; i++)
        {
            ParamGroup group = Optimizer.ParamGroups[i];
            double oldLr = group.Lr;
            double newLr = Math.Max(oldLr * _factor, _minLrs[i]);
            if (oldLr - newLr > _eps)
            {
                group.Lr = newLr;
            }
        }
    }

    private static Optimizer Validated(Optimizer optimizer, PlateauMode mode, double factor, ThresholdMode thresholdMode, GroupValues? minLr, out double[] minLrs)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        // PyTorch accepts a NaN factor (only factor >= 1 fails); it would set every rate to NaN, so it is refused too.
        Throw.OutOfRangeIf(!(factor < 1.0), nameof(factor), factor, $"Factor should be < 1.0, got {Check.Format(factor)}.");
        Throw.OutOfRangeIf(!Enum.IsDefined(mode), nameof(mode), mode, $"mode {mode} is unknown!");
        Throw.OutOfRangeIf(!Enum.IsDefined(thresholdMode), nameof(thresholdMode), thresholdMode, $"threshold mode {thresholdMode} is unknown!");
        minLrs = (minLr ?? 0.0).Resolve(optimizer.ParamGroups.Count, nameof(minLr));
        return optimizer;
    }
}
