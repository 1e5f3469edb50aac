namespace Descent.Optim;

/// <summary>Adamax (Kingma &amp; Ba): Adam with the infinity norm in place of the second moment.</summary>
/// <remarks>
/// For each parameter θ with gradient g at step t, as in PyTorch:
/// <code>
/// g ← −g if maximize
/// g ← g + λθ                          if weight decay λ ≠ 0
/// m ← m + (1 − β₁)(g − m)              (lerp, as current PyTorch)
/// u ← max(β₂u, |g| + ε)
/// θ ← θ − (γ / (1 − β₁ᵗ)) · m / u
/// </code>
/// ε sits inside the maximum, so u &gt; 0 from the first step on.
/// </remarks>
public sealed class Adamax : Optimizer<AdamaxOptions, AdamaxState>
{
    private static readonly AdamaxOptions s_defaults = new();

    /// <summary>Creates Adamax over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="AdamaxOptions"/>.</summary>
    public Adamax(IEnumerable<Parameter> parameters, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, betas, eps, weightDecay, maximize)
    {
    }

    /// <summary>Creates Adamax over param groups; each group may override these hyperparameters.</summary>
    public Adamax(IEnumerable<ParamGroup> groups, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, bool maximize = false)
        : base(groups, new AdamaxOptions
        {
            Lr = lr ?? s_defaults.Lr, Betas = betas ?? s_defaults.Betas, Eps = eps ?? s_defaults.Eps,
            WeightDecay = weightDecay ?? s_defaults.WeightDecay, Maximize = maximize,
        })
    {
    }

    /// <inheritdoc/>
    protected override AdamaxState CreateState(Parameter parameter, AdamaxOptions options) =>
        new() { ExpAvg = Tensor.ZerosLike(parameter), ExpInf = Tensor.ZerosLike(parameter) };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, AdamaxOptions o, AdamaxState state)
    {
        state.Step++;
        Run(new AdamaxOperator(o, state.Step), parameter, grad, state.ExpAvg, state.ExpInf);
    }
}
