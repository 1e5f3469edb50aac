namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="LBFGS"/>, with PyTorch's defaults.</summary>
public sealed record LbfgsOptions : OptimizerOptions
{
    /// <summary>The line search PyTorch offers.</summary>
    public const string StrongWolfe = "strong_wolfe";

    /// <summary>Creates options with PyTorch's defaults (lr = 1, max_iter = 20, max_eval = 25, history_size = 100).</summary>
    public LbfgsOptions() => Lr = 1;

    /// <summary>The most iterations one <c>Step</c> runs.</summary>
    public int MaxIter { get; init; } = 20;

    /// <summary>
    /// The most loss evaluations one <c>Step</c> runs. The constructor derives it from <see cref="MaxIter"/> as
    /// ⌊5·max_iter / 4⌋ when not given, once: changing max_iter later leaves it alone, as in PyTorch.
    /// </summary>
    public int MaxEval { get; init; } = 25;

    /// <summary>A step ends once the largest gradient magnitude is at most this.</summary>
    public double ToleranceGrad { get; init; } = 1e-7;

    /// <summary>A step ends once the loss or the parameters change by less than this.</summary>
    public double ToleranceChange { get; init; } = 1e-9;

    /// <summary>The number of curvature pairs (y, s) kept.</summary>
    public int HistorySize { get; init; } = 100;

    /// <summary><see cref="StrongWolfe"/> for a line search satisfying the strong Wolfe conditions, or null for fixed steps of lr.</summary>
    public string? LineSearchFn { get; init; }

    /// <inheritdoc/>
    /// <remarks>
    /// PyTorch checks lr here; it raises for an unknown line search and fails for a history size below 1 only
    /// inside <c>step</c>. Descent refuses both here, on the same conditions.
    /// </remarks>
    public override void Validate()
    {
        base.Validate();
        Throw.OutOfRangeIf(HistorySize < 1, "history_size", HistorySize, $"Invalid history_size value: {HistorySize} (history_size must be >= 1).");
        Throw.OutOfRangeIf(LineSearchFn is not null and not StrongWolfe, "line_search_fn", LineSearchFn, $"only 'strong_wolfe' is supported, got '{LineSearchFn}'.");
    }
}
