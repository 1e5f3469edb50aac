using Descent.Optim.Codec;

namespace Descent.Optim.Schedulers;

/// <summary>
/// Cosine annealing with warm restarts (SGDR): each group's rate follows a cosine from its initial rate down to
/// <c>etaMin</c> over a period of <c>T_i</c> epochs, then restarts; each period is <c>tMult</c> times the last.
/// </summary>
/// <remarks>
/// ηₜ = η_min + (η₀ − η_min) · (1 + cos(π T_cur / T_i)) / 2, with T_cur the epochs since the last restart and T_i the
/// current period. It does not read the groups' current rates, so in a <see cref="ChainedScheduler"/> it overrides
/// the schedulers before it, as in PyTorch. <see cref="Step(double)"/> jumps to a (possibly fractional) epoch, for
/// stepping per batch with <c>epoch + i / iters</c>: for epoch ≥ T_0 with T_mult &gt; 1, n =
/// ⌊log_T_mult(epoch / T_0 · (T_mult − 1) + 1)⌋, T_i = T_0 · T_mult^n and T_cur = epoch − T_0 · (T_mult^n − 1) /
/// (T_mult − 1). As in PyTorch, neither step counts in <c>_step_count</c>.
/// </remarks>
public sealed class CosineAnnealingWarmRestarts : LRScheduler
{
    [StateKey("T_0")]
    private int _t0;
    [StateKey("T_i")]
    private int _tI;
    [StateKey("T_mult")]
    private int _tMult;
    private double _etaMin;
    [StateKey("T_cur")]
    private double _tCur;

    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t0"/> not positive, <paramref name="tMult"/> below 1, or <paramref name="etaMin"/> negative or NaN.</exception>
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0, int tMult = 1, double etaMin = 0.0, int lastEpoch = -1)
        : base(optimizer, lastEpoch)
    {
        Throw.OutOfRangeIf(t0 <= 0, nameof(t0), t0, $"Expected positive integer T_0, but got {t0}");
        Throw.OutOfRangeIf(tMult < 1, nameof(tMult), tMult, $"Expected integer T_mult >= 1, but got {tMult}");
        Throw.OutOfRangeIf(!(etaMin >= 0), nameof(etaMin), etaMin, $"etaMin must be a learning rate >= 0, got {Check.Format(etaMin)}.");
        _t0 = t0;
        _tI = t0;
        _tMult = tMult;
        _etaMin = etaMin;
        _tCur = lastEpoch;
        InitialStep();
    }

    /// <summary>Advances one epoch (or one batch, if the schedule is counted in batches).</summary>
    public override void Step()
    {
        if (_lastEpoch < 0)
        {
            Step(0.0);
            return;
        }
        _tCur += 1;
        if (_tCur >= _tI)
        {
            // Current PyTorch takes the remainder; 1.13 subtracted T_i, which differs only when resuming
            // (lastEpoch ≥ 0) past 2 T_0, where T_cur starts at lastEpoch.
            _tCur %= _tI;
            _tI = checked(_tI * _tMult);
        }
        SetEpoch(_lastEpoch + 1);
    }

    /// <summary>Jumps to <paramref name="epoch"/>, which may be fractional (PyTorch's <c>step(epoch)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative, not finite, or beyond int's range.</exception>
    public void Step(double epoch)
    {
        Throw.OutOfRangeIf(!(epoch >= 0 && epoch < int.MaxValue), nameof(epoch), epoch, $"Expected non-negative epoch, but got {Check.Format(epoch)}");
        if (epoch < _t0)
        {
            (_tI, _tCur) = (_t0, epoch);
        }
        else if (_tMult == 1)
        {
            _tCur = epoch % _t0;
        }
        else
        {
            // Python's math.log(x, base) is ln x / ln base, truncated by int().
            int n = (int)(Math.Log(epoch / _t0 * (_tMult - 1) + 1) / Math.Log(_tMult));
            long power = (long)System.Numerics.BigInteger.Pow(_tMult, n); // an exact integer power; OverflowException past long
            _tCur = epoch - checked(_t0 * (power - 1)) / (double)(_tMult - 1);
            _tI = checked((int)(_t0 * power));
        }
        SetEpoch(epoch);
    }

    private void SetEpoch(double epoch)
    {
        _lastEpoch = (int)Math.Floor(epoch);
        SetLrs(GetLr());
    }

    /// <inheritdoc/>
    protected override double[] GetLr() =>
        _baseLrs.Select(b => _etaMin + (b - _etaMin) * Schedule.CosineFactor(_tCur, _tI)).ToArray();
}
