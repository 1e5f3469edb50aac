namespace Descent.Optim;

/// <summary>
/// AdEMAMix (Pagliardini, Ablin &amp; Grangier 2024), as the paper's PyTorch version (apple/ml-ademamix,
/// pytorch/ademamix.py) with its warmups of α and β₃: Adam whose numerator mixes a fast and a slow average of the
/// gradient. optax's <c>contrib.ademamix</c> computes the same update, taking the warmups as schedules.
/// </summary>
/// <remarks>
/// For each parameter θ with gradient g at step t (from 1), with α and β₃ after their warmups:
/// <code>
/// m₁ ← β₁m₁ + (1 − β₁)g          (m₁ = g when β₁ = 0)
/// m₂ ← β₃m₂ + (1 − β₃)g
/// v  ← β₂v + (1 − β₂)g²
/// u = (m₁ / (1 − β₁ᵗ) + αm₂) / (√v / √(1 − β₂ᵗ) + ε) + λθ
/// θ ← θ − γu
/// </code>
/// </remarks>
public sealed class AdEMAMix : Optimizer<AdEMAMixOptions, AdEMAMixState>
{
    private static readonly AdEMAMixOptions s_defaults = new();

    /// <summary>Creates AdEMAMix over <paramref name="parameters"/>; each hyperparameter left out takes the reference's default.</summary>
    public AdEMAMix(IEnumerable<Parameter> parameters, double? lr = null, (double, double, double)? betas = null, double? alpha = null,
        int? beta3Warmup = null, int? alphaWarmup = null, double? eps = null, double? weightDecay = null)
        : this([new ParamGroup(parameters)], lr, betas, alpha, beta3Warmup, alphaWarmup, eps, weightDecay)
    {
    }

    /// <summary>Creates AdEMAMix over param groups; each group may override these hyperparameters.</summary>
    public AdEMAMix(IEnumerable<ParamGroup> groups, double? lr = null, (double, double, double)? betas = null, double? alpha = null,
        int? beta3Warmup = null, int? alphaWarmup = null, double? eps = null, double? weightDecay = null)
        : base(groups, new AdEMAMixOptions
        {
            Lr = lr ?? s_defaults.Lr,
            Betas = betas is var (b1, b2, b3) ? [b1, b2, b3] : s_defaults.Betas,
            Alpha = alpha ?? s_defaults.Alpha, Beta3Warmup = beta3Warmup, AlphaWarmup = alphaWarmup,
            Eps = eps ?? s_defaults.Eps, WeightDecay = weightDecay ?? s_defaults.WeightDecay,
        })
    {
    }

    /// <inheritdoc/>
    protected override AdEMAMixState CreateState(Parameter parameter, AdEMAMixOptions options) => new()
    {
        ExpAvgFast = options.Betas[0] != 0 ? Tensor.ZerosLike(parameter) : null,
        ExpAvgSlow = Tensor.ZerosLike(parameter),
        ExpAvgSq = Tensor.ZerosLike(parameter),
    };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, AdEMAMixOptions o, AdEMAMixState state)
    {
        if (o.Betas[0] != 0 && state.ExpAvgFast is null)
        {
            // β₁ raised from 0 after earlier steps: the fast average starts at zero.
            state.ExpAvgFast = Tensor.ZerosLike(parameter);
        }
        state.Step++;
        Run(new AdEMAMixOperator(o, state.Step, o.Beta3At(state.Step), o.AlphaAt(state.Step)), parameter, grad,
            o.Betas[0] != 0 ? state.ExpAvgFast : null, state.ExpAvgSlow, state.ExpAvgSq);
    }
}
