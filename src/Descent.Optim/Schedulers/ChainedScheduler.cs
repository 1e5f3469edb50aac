using Descent.Optim.Codec;

namespace Descent.Optim.Schedulers;

/// <summary>Steps a list of chainable schedulers together, each acting on the rates the one before it set.</summary>
/// <remarks>
/// Chainable schedulers read the groups' current rates, so their effects compose: ConstantLR then ExponentialLR
/// gives ηₜ = η₀ · γᵗ · factor for t &lt; totalIters; one that ignores them (LambdaLR, CosineAnnealingWarmRestarts)
/// overrides those before it. As in PyTorch the schedulers keep the initial steps they took when built; this one
/// takes none. The state dict holds theirs under <c>_schedulers</c>, beside the base keys (<c>base_lrs</c>,
/// <c>last_epoch</c>, <c>_step_count</c>) that PyTorch lacks. Current PyTorch also takes the optimizer and refuses an
/// empty list; 1.13 did neither.
/// </remarks>
public sealed class ChainedScheduler : LRScheduler
{
    [StateKey("_schedulers")]
    private LRScheduler[] _schedulers;

    /// <summary>Chains <paramref name="schedulers"/>, which must all act on <paramref name="optimizer"/> (by default the first one's).</summary>
    /// <exception cref="ArgumentException">No scheduler, a <see cref="ReduceLROnPlateau"/>, or a scheduler on another optimizer.</exception>
    public ChainedScheduler(IReadOnlyList<LRScheduler> schedulers, Optimizer? optimizer = null)
        : base(Validated(schedulers, optimizer))
    {
        _schedulers = [.. schedulers];
        _lastEpoch = 0;
    }

    private static Optimizer Validated(IReadOnlyList<LRScheduler> schedulers, Optimizer? optimizer) => Throw.UnlessComposable(
        nameof(ChainedScheduler), schedulers, optimizer, "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.");

    /// <summary>The schedulers, in the order they are stepped.</summary>
    public IReadOnlyList<LRScheduler> Schedulers => _schedulers;

    /// <inheritdoc/>
    internal override void RewindEpoch() => Array.ForEach(_schedulers, s => s.RewindEpoch());

    /// <inheritdoc/>
    public override void Step()
    {
        _stepCount++;
        _lastEpoch++;
        Array.ForEach(_schedulers, s => s.Step());
        _lastLr = CurrentLrs();
    }

    /// <summary>Not used: the schedulers inside compute the rates.</summary>
    /// <exception cref="NotSupportedException">Always, as PyTorch's <c>get_lr</c> of a ChainedScheduler raises.</exception>
    protected override double[] GetLr() =>
        throw new NotSupportedException("ChainedScheduler computes no rates of its own, so it cannot start later in a SequentialLR.");
}
