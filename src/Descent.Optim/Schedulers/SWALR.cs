using Descent.Optim.Codec;

namespace Descent.Optim.Schedulers;

/// <summary>
/// Anneals each group's learning rate to a fixed SWA rate (<c>swa_lr</c>) over <c>annealEpochs</c> steps, then
/// keeps it — the schedule for the averaging phase of stochastic weight averaging.
/// </summary>
/// <remarks>
/// <para>With s = stepCount − 1 (s ≥ 1 when annealEpochs = 0), tₛ = clamp(s / max(1, annealEpochs), 0, 1) and α the
/// strategy (cos: α(t) = (1 − cos πt) / 2; linear: α(t) = t), each step first recovers the rate the annealing
/// started from, η̂ = (η − α(tₛ₋₁) · swa_lr) / (1 − α(tₛ₋₁)) (or swa_lr when α(tₛ₋₁) = 1), and sets
/// η = α(tₛ) · swa_lr + (1 − α(tₛ)) · η̂. The initial step keeps the rates (goes straight to swa_lr when
/// annealEpochs = 0).</para>
/// <para>The count is PyTorch's <c>_step_count</c>, not the epoch: a <see cref="SequentialLR"/> milestone, which does
/// not count a step in current PyTorch, does not advance the annealing (1.13 counted it there). The SWA rates are
/// kept in the groups under <c>swa_lr</c>, as PyTorch keeps them, so they travel with the optimizer's state dict.</para>
/// </remarks>
public sealed class SWALR : LRScheduler
{
    private int _annealEpochs;
    [StateKey("_anneal_strategy")]
    private AnnealStrategy _annealStrategy;

    /// <summary>Creates the schedule; <paramref name="swaLr"/> is one rate for every group or one per group.</summary>
    /// <exception cref="ArgumentException">
    /// A per-group list of another length than the groups; a rate negative or NaN (the optimizer would refuse it when
    /// the annealing reaches it); <paramref name="annealEpochs"/> negative; an undefined strategy.
    /// </exception>
    public SWALR(Optimizer optimizer, GroupValues swaLr, int annealEpochs = 10, AnnealStrategy annealStrategy = AnnealStrategy.Cos, int lastEpoch = -1)
        : base(Validated(optimizer, swaLr, annealEpochs, annealStrategy, out double[] swaLrs), lastEpoch)
    {
        for (int i = 0; i < swaLrs.Length; i++)
        {
            optimizer.ParamGroups[i]["swa_lr"] = swaLrs[i];
        }
        _annealEpochs = annealEpochs;
        _annealStrategy = annealStrategy;
        InitialStep();
    }

    // Checked before the base constructor so that a refused call leaves the groups untouched.
    private static Optimizer Validated(Optimizer optimizer, GroupValues swaLr, int annealEpochs, AnnealStrategy annealStrategy, out double[] swaLrs)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        swaLrs = swaLr.Resolve(optimizer.ParamGroups.Count, nameof(swaLr));
        Array.ForEach(swaLrs, lr => Throw.OutOfRangeIf(!(lr >= 0), nameof(swaLr), lr, $"swa_lr must be a learning rate >= 0, got {Check.Format(lr)}."));
        Throw.OutOfRangeIf(annealEpochs < 0, nameof(annealEpochs), annealEpochs, $"anneal_epochs must be equal or greater than 0, got {annealEpochs}");
        Throw.OutOfRangeIf(!Enum.IsDefined(annealStrategy), nameof(annealStrategy), annealStrategy, $"anneal_strategy must by one of 'cos' or 'linear', instead got {annealStrategy}");
        return optimizer;
    }

    /// <inheritdoc/>
    protected override double[] GetLr()
    {
        int step = _annealEpochs == 0 ? Math.Max(1, _stepCount - 1) : _stepCount - 1;
        double prevAlpha = Anneal(Math.Clamp((step - 1) / (double)Math.Max(1, _annealEpochs), 0, 1));
        double alpha = Anneal(Math.Clamp(step / (double)Math.Max(1, _annealEpochs), 0, 1));
        var lrs = new double[Optimizer.ParamGroups.Count];
        for (int i = 0; i < lrs.Length; i++)
        {
            ParamGroup group = Optimizer.ParamGroups[i];
            double swaLr = Read(group, "swa_lr");
            double start = prevAlpha == 1 ? swaLr : (group.Lr - prevAlpha * swaLr) / (1 - prevAlpha);
            lrs[i] = swaLr * alpha + start * (1 - alpha);
        }
        return lrs;
    }

    private double Anneal(double t) => _annealStrategy == AnnealStrategy.Cos ? (1 - Math.Cos(Math.PI * t)) / 2 : t;
}
