namespace Descent.Optim.Schedulers;

/// <summary>Multiplies each group's learning rate by a user function of the epoch, every epoch.</summary>
/// <remarks>
/// ηₜ = ηₜ₋₁ · λ(t) for t ≥ 1; the initial step keeps the rates. The rule reads the groups' current rates, so it
/// composes with other schedulers. As in PyTorch the functions are not state: rebuild with them to load a state dict.
/// </remarks>
public sealed class MultiplicativeLR : LRScheduler
{
    private readonly Func<int, double>[] _lrLambdas;

    /// <summary>One function for every group.</summary>
    public MultiplicativeLR(Optimizer optimizer, Func<int, double> lrLambda, int lastEpoch = -1)
        : this(optimizer, LambdaLR.Every(optimizer, lrLambda), lastEpoch)
    {
    }

    /// <summary>One function per group.</summary>
    public MultiplicativeLR(Optimizer optimizer, IReadOnlyList<Func<int, double>> lrLambdas, int lastEpoch = -1)
        : base(optimizer, lastEpoch)
    {
        _lrLambdas = LambdaLR.PerGroup(optimizer, lrLambdas);
        InitialStep();
    }

    /// <inheritdoc/>
    protected override double[] GetLr()
    {
        double[] lrs = CurrentLrs();
        // Current PyTorch tests for the initial step; 1.13 tested last_epoch > 0, which also differs at a
        // SequentialLR milestone (epoch 0 outside the initial step: current PyTorch multiplies by λ(0)).
        return IsInitial ? lrs : lrs.Select((lr, i) => lr * _lrLambdas[i](_lastEpoch)).ToArray();
    }
}
