namespace Descent.Optim;

/// <summary>
/// RAdam (Liu et al.): Adam whose adaptive step is switched on, and scaled by a rectification term, only once the
/// variance of the adaptive learning rate is tractable; RAdamW with decoupled weight decay.
/// </summary>
/// <remarks>
/// For each parameter θ with gradient g at step t, as in current PyTorch:
/// <code>
/// g ← −g if maximize
/// θ ← θ(1 − γλ) if decoupled weight decay, else g ← g + λθ
/// m ← m + (1 − β₁)(g − m)                   (lerp)
/// v ← β₂v + (1 − β₂)g²
/// m̂ ← m / (1 − β₁ᵗ)
/// ρ∞ ← 2/(1 − β₂) − 1,  ρₜ ← ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ)
/// if ρₜ &gt; 5:  lₜ ← √(1 − β₂ᵗ) / (√v + ε)
///             rₜ ← √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
///             θ ← θ − γ·m̂·lₜ·rₜ
/// else:       θ ← θ − γ·m̂                  (momentum SGD while the variance is intractable)
/// </code>
/// ρₜ ≈ t for small t, so with β₂ = 0.999 the first five steps take the un-rectified branch; with β₂ ≤ 0.6,
/// ρ∞ ≤ 4 and every step does.
/// </remarks>
public sealed class RAdam : Optimizer<RAdamOptions, RAdamState>
{
    private static readonly RAdamOptions s_defaults = new();

    /// <summary>Creates RAdam over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="RAdamOptions"/>.</summary>
    public RAdam(IEnumerable<Parameter> parameters, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, bool decoupledWeightDecay = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, betas, eps, weightDecay, decoupledWeightDecay, maximize)
    {
    }

    /// <summary>Creates RAdam over param groups; each group may override these hyperparameters.</summary>
    public RAdam(IEnumerable<ParamGroup> groups, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, bool decoupledWeightDecay = false, bool maximize = false)
        : base(groups, new RAdamOptions
        {
            Lr = lr ?? s_defaults.Lr, Betas = betas ?? s_defaults.Betas, Eps = eps ?? s_defaults.Eps,
            WeightDecay = weightDecay ?? s_defaults.WeightDecay, DecoupledWeightDecay = decoupledWeightDecay, Maximize = maximize,
        })
    {
    }

    /// <inheritdoc/>
    protected override RAdamState CreateState(Parameter parameter, RAdamOptions options) =>
        new() { ExpAvg = Tensor.ZerosLike(parameter), ExpAvgSq = Tensor.ZerosLike(parameter) };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, RAdamOptions o, RAdamState state)
    {
        state.Step++;
        Run(new RAdamOperator(o, state.Step), parameter, grad, state.ExpAvg, state.ExpAvgSq);
    }
}
