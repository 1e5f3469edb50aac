using System.Globalization;

using Descent.Optim.Codec;

namespace Descent.Optim.Schedulers;

/// <summary>
/// The base of the learning-rate schedulers, with PyTorch's protocol: construction writes <c>initial_lr</c> into
/// every param group (unless resuming with <c>lastEpoch</c> ≥ 0), records the base learning rates and performs
/// the initial step; <see cref="Step"/> advances the epoch and writes the new learning rates into the groups.
/// </summary>
/// <remarks>
/// Each scheduler computes the next rate from the groups' current rates (PyTorch's chainable form), so that
/// schedulers compose in a <c>ChainedScheduler</c> exactly as in PyTorch. The state is the fields, saved by one
/// generic codec; user functions are not state and must be given again to a scheduler rebuilt to load a state dict.
/// </remarks>
public abstract class LRScheduler
{
    /// <summary>Attaches to <paramref name="optimizer"/>; derived constructors finish with <see cref="InitialStep"/>.</summary>
    /// <exception cref="ArgumentException">Resuming (<paramref name="lastEpoch"/> ≥ 0) while a group lacks <c>initial_lr</c>.</exception>
    protected LRScheduler(Optimizer optimizer, int lastEpoch = -1)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        Throw.OutOfRangeIf(lastEpoch < -1, nameof(lastEpoch), lastEpoch, "lastEpoch must be -1 (a new schedule) or a completed epoch count.");
        if (lastEpoch == -1)
        {
            foreach (ParamGroup group in optimizer.ParamGroups)
            {
                group.InitialLr ??= group.Lr;
            }
        }
        RequireKeys(optimizer, lastEpoch, "initial_lr");
        _baseLrs = optimizer.ParamGroups.Select(g => g.InitialLr!.Value).ToArray();
        _lastEpoch = lastEpoch;
        _lastLr = CurrentLrs();
    }

    /// <summary>Attaches without the epoch protocol (for ReduceLROnPlateau): no <c>initial_lr</c>, no initial step, epoch 0.</summary>
    private protected LRScheduler(Optimizer optimizer, IReadOnlyList<double> baseLrs)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        _baseLrs = [.. baseLrs];
        _lastEpoch = 0;
        _lastLr = CurrentLrs();
    }

    // Fields named as PyTorch's attributes: the codec saves them under the same keys.
    private protected double[] _baseLrs;
    private protected int _lastEpoch;
    [StateKey("_step_count")]
    private protected int _stepCount;
    [StateKey("_last_lr")]
    private protected double[] _lastLr;

    /// <summary>The optimizer whose learning rates this scheduler sets.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The learning rates the schedule starts from, one per group (PyTorch's <c>base_lrs</c>).</summary>
    public IReadOnlyList<double> BaseLrs => _baseLrs;

    /// <summary>The index of the last epoch (or batch) stepped, −1 before the initial step.</summary>
    public int LastEpoch => _lastEpoch;

    /// <summary>The learning rates set by the last step, one per group.</summary>
    public IReadOnlyList<double> GetLastLr() => _lastLr;

    /// <summary>Advances the schedule by one epoch (or batch) and writes the new learning rates into the groups.</summary>
    public virtual void Step()
    {
        _stepCount++;
        _lastEpoch++;
        SetLrs(GetLr());
    }

    /// <summary>The learning rates for <see cref="LastEpoch"/>, computed from the groups' current rates.</summary>
    protected abstract double[] GetLr();

    /// <summary>The rates for <see cref="LastEpoch"/> from the base rates alone (PyTorch's <c>_get_closed_form_lr</c>), or null.</summary>
    protected virtual double[]? GetClosedFormLr() => null;

    /// <summary>Whether the step being computed is the constructor's initial step (PyTorch's <c>_is_initial</c>).</summary>
    protected bool IsInitial { get; private set; }

    /// <summary>Writes <paramref name="lrs"/> into the groups and records them as the last learning rates.</summary>
    private protected void SetLrs(double[] lrs)
    {
        for (int i = 0; i < lrs.Length; i++)
        {
            Optimizer.ParamGroups[i].Lr = lrs[i];
        }
        _lastLr = CurrentLrs();
    }

    /// <summary>Jumps to <paramref name="epoch"/> without counting a step, by the closed form where there is one (PyTorch's <c>_update_lr</c>).</summary>
    internal void UpdateLr(int epoch)
    {
        _lastEpoch = epoch;
        SetLrs(GetClosedFormLr() ?? GetLr());
    }

    /// <summary>Whether the scheduler has a closed form.</summary>
    internal bool HasClosedForm => GetClosedFormLr() is not null;

    /// <summary>Takes back the epoch counted by the initial step (PyTorch's <c>recursive_undo</c> in SequentialLR).</summary>
    internal virtual void RewindEpoch() => _lastEpoch--;

    /// <summary>Every group must hold <paramref name="keys"/>, which the schedule reads (PyTorch's KeyError when resuming).</summary>
    private protected static void RequireKeys(Optimizer optimizer, int lastEpoch, params string[] keys)
    {
        for (int i = 0; i < optimizer.ParamGroups.Count; i++)
        {
            ParamGroup group = optimizer.ParamGroups[i];
            string? missing = keys.FirstOrDefault(key => !group.ContainsKey(key) || group[key] is null);
            Throw.ArgumentIf(missing is not null, $"param '{missing}' is not specified in param_groups[{i}] when resuming an optimizer (lastEpoch = {lastEpoch}).", nameof(lastEpoch));
        }
    }

    /// <summary>A number that a scheduler keeps in <paramref name="group"/> under <paramref name="key"/>.</summary>
    private protected static double Read(ParamGroup group, string key) => Convert.ToDouble(group[key], CultureInfo.InvariantCulture);

    /// <summary>The current learning rate of every group.</summary>
    protected double[] CurrentLrs() => Optimizer.ParamGroups.Select(g => g.Lr).ToArray();

    /// <summary>Every group's current rate times <paramref name="ratio"/> (PyTorch's chainable form).</summary>
    private protected double[] ScaleCurrent(double ratio) => CurrentLrs().Select(lr => lr * ratio).ToArray();

    /// <summary>Every base rate times <paramref name="factor"/> (the closed form of a schedule η₀ · f(t)).</summary>
    private protected double[] ScaleBase(double factor) => _baseLrs.Select(lr => lr * factor).ToArray();

    /// <summary>Performs PyTorch's initial step; each concrete constructor calls it last.</summary>
    protected internal void InitialStep()
    {
        _stepCount = 0;
        IsInitial = true;
        try
        {
            Step();
        }
        finally
        {
            IsInitial = false;
        }
    }

    /// <summary>The scheduler's state: every field except the optimizer and user functions, by PyTorch key.</summary>
    public SchedulerStateDict StateDict() => StateCodec.Save(this);

    /// <summary>
    /// Restores a state from <see cref="StateDict"/>, checked first: a mismatch throws <see cref="ArgumentException"/>
    /// and changes nothing. As in PyTorch the optimizer's rates are not touched: load its own state dict for those.
    /// </summary>
    public virtual void LoadStateDict(SchedulerStateDict stateDict) => StateCodec.Load(this, stateDict);
}
