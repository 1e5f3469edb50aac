namespace Descent.Optim.Schedulers;

/// <summary>Sets each group's learning rate to its initial rate times a user function of the epoch.</summary>
/// <remarks>ηₜ = η₀ · λ(t). As in PyTorch the functions are not state: rebuild with them to load a state dict.</remarks>
public sealed class LambdaLR : LRScheduler
{
    private readonly Func<int, double>[] _lrLambdas;

    /// <summary>One function for every group.</summary>
    public LambdaLR(Optimizer optimizer, Func<int, double> lrLambda, int lastEpoch = -1)
        : this(optimizer, Every(optimizer, lrLambda), lastEpoch)
    {
    }

    /// <summary>One function per group.</summary>
    public LambdaLR(Optimizer optimizer, IReadOnlyList<Func<int, double>> lrLambdas, int lastEpoch = -1)
        : base(optimizer, lastEpoch)
    {
        _lrLambdas = PerGroup(optimizer, lrLambdas);
        InitialStep();
    }

    /// <summary><paramref name="lrLambda"/> for each group (shared with <see cref="MultiplicativeLR"/>).</summary>
    internal static Func<int, double>[] Every(Optimizer? optimizer, Func<int, double> lrLambda) =>
        Enumerable.Repeat(lrLambda ?? throw new ArgumentNullException(nameof(lrLambda)), optimizer?.ParamGroups.Count ?? 0).ToArray();

    /// <summary>One function per group, checked: as many as groups, none null (shared with <see cref="MultiplicativeLR"/>).</summary>
    internal static Func<int, double>[] PerGroup(Optimizer optimizer, IReadOnlyList<Func<int, double>> lrLambdas)
    {
        ArgumentNullException.ThrowIfNull(lrLambdas);
        Throw.ArgumentIf(lrLambdas.Count != optimizer.ParamGroups.Count, $"Expected {optimizer.ParamGroups.Count} lr_lambdas, but got {lrLambdas.Count}", nameof(lrLambdas));
        return lrLambdas.Any(f => f is null) ? throw new ArgumentNullException(nameof(lrLambdas), "lr_lambda should be a function, but got null") : [.. lrLambdas];
    }

    /// <inheritdoc/>
    protected override double[] GetLr() => _baseLrs.Select((lr, i) => lr * _lrLambdas[i](_lastEpoch)).ToArray();
}
