using Descent.Optim.Codec;

namespace Descent.Optim.Schedulers;

/// <summary>
/// Runs a list of schedulers one after another: the first until the first milestone, the second until the next,
/// and so on (a warm-up followed by a decay, for example).
/// </summary>
/// <remarks>
/// As in current PyTorch, construction sets every group's rate back to its <c>initial_lr</c>, undoes the initial step
/// of every scheduler (recursively, through nested composites) and lets only the first take it again. At epoch t
/// scheduler i = |{m ≤ t}| runs; at its milestone it starts at epoch 0 by its closed form where it has one (PyTorch's
/// <c>_update_lr(0)</c>, which counts no step). PyTorch 1.13 called <c>step(0)</c> there, which counts a step (this
/// matters to <see cref="SWALR"/>), and undid only the direct schedulers. The state dict holds the schedulers' under
/// <c>_schedulers</c> and <c>_milestones</c>, beside the base keys <c>base_lrs</c> and <c>_step_count</c>.
/// </remarks>
public sealed class SequentialLR : LRScheduler
{
    [StateKey("_schedulers")]
    private LRScheduler[] _schedulers;
    [StateKey("_milestones")]
    private int[] _milestones;

    /// <summary>Chains <paramref name="schedulers"/> at <paramref name="milestones"/> (one fewer than schedulers).</summary>
    /// <exception cref="ArgumentException">No scheduler, a <see cref="ReduceLROnPlateau"/>, one on another optimizer, or a milestone count other than theirs − 1.</exception>
    public SequentialLR(Optimizer optimizer, IReadOnlyList<LRScheduler> schedulers, IReadOnlyList<int> milestones, int lastEpoch = -1)
        : base(Validated(optimizer, schedulers, milestones), lastEpoch)
    {
        _schedulers = [.. schedulers];
        _milestones = [.. milestones];
        _lastEpoch = lastEpoch + 1;
        foreach (ParamGroup group in optimizer.ParamGroups)
        {
            group.Lr = group.InitialLr!.Value;
        }
        RewindEpoch();
        _schedulers[0].InitialStep();
        _lastLr = _schedulers[0].GetLastLr().ToArray();
    }

    private static Optimizer Validated(Optimizer optimizer, IReadOnlyList<LRScheduler> schedulers, IReadOnlyList<int> milestones)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(milestones);
        Throw.UnlessComposable(nameof(SequentialLR), schedulers, optimizer, "SequentialLR expects at least one scheduler, but got no scheduler.");
        Throw.ArgumentIf(milestones.Count != schedulers.Count - 1, "Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, " + $"but got number of schedulers {schedulers.Count} and the number of milestones to be equal to {milestones.Count}", nameof(milestones));
        return optimizer;
    }

    /// <summary>The schedulers, in order.</summary>
    public IReadOnlyList<LRScheduler> Schedulers => _schedulers;

    /// <summary>The epochs at which the next scheduler takes over.</summary>
    public IReadOnlyList<int> Milestones => _milestones;

    /// <inheritdoc/>
    internal override void RewindEpoch() => Array.ForEach(_schedulers, s => s.RewindEpoch());

    /// <inheritdoc/>
    public override void Step()
    {
        _stepCount++;
        _lastEpoch++;
        int index = BisectRight(_milestones, _lastEpoch);
        LRScheduler scheduler = _schedulers[index];
        if (index > 0 && _milestones[index - 1] == _lastEpoch)
        {
            scheduler.UpdateLr(0);
        }
        else
        {
            scheduler.Step();
        }
        _lastLr = scheduler.GetLastLr().ToArray();
    }

    // Python's bisect.bisect_right, kept as such so that unsorted milestones (which PyTorch does not refuse)
    // pick the same scheduler.
    private static int BisectRight(int[] sorted, int x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            (lo, hi) = x < sorted[mid] ? (lo, mid) : (mid + 1, hi);
        }
        return lo;
    }

    /// <summary>Not used: the schedulers inside compute the rates.</summary>
    /// <exception cref="NotSupportedException">Always, as PyTorch's <c>get_lr</c> of a SequentialLR raises.</exception>
    protected override double[] GetLr() =>
        throw new NotSupportedException("SequentialLR computes no rates of its own, so it cannot start later in another SequentialLR.");
}
