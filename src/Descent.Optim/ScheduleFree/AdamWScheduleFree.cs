namespace Descent.Optim;

/// <summary>
/// Schedule-Free AdamW (Defazio et al. 2024), as facebookresearch/schedule_free 1.4.1's <c>AdamWScheduleFree</c>: no
/// learning-rate schedule, an average x of the iterates z instead, and gradients taken at their interpolation y.
/// </summary>
/// <remarks>
/// For each parameter, θ = y while training, with gradient g at the group's step k (from 0):
/// <code>
/// γ = lr · min(1, (k + 1) / warmup_steps)           lr_max ← max(lr_max, γ)
/// w = (k + 1)ʳ · lr_maxᵖ    weight_sum ← weight_sum + w    c = w / weight_sum
/// v ← β₂v + (1 − β₂)g²
/// u = g / (√(v / (1 − β₂ᵏ⁺¹)) + ε)         (with inner momentum μ: m ← μm + (1 − μ)g, u = m / (1 − μᵏ⁺¹) / denominator)
/// u ← u + λy
/// y ← lerp(y, z, c) + γ(β₁(1 − c) − 1)u
/// z ← z − γu
/// </code>
/// <see cref="ScheduleFreeOptimizer{TOptions, TState}.Eval"/> moves θ to x = lerp(y, z, 1 − 1/β₁) and
/// <see cref="ScheduleFreeOptimizer{TOptions, TState}.Train"/> back to y = lerp(x, z, 1 − β₁). Call <c>Eval</c> before
/// validating, predicting or saving a checkpoint, and <c>Train</c> before stepping again.
/// </remarks>
public sealed class AdamWScheduleFree : ScheduleFreeOptimizer<AdamWScheduleFreeOptions, AdamWScheduleFreeState>
{
    private static readonly AdamWScheduleFreeOptions s_defaults = new();

    /// <summary>Creates Schedule-Free AdamW over <paramref name="parameters"/>; each hyperparameter left out takes the reference's default.</summary>
    public AdamWScheduleFree(IEnumerable<Parameter> parameters, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, int? warmupSteps = null, double? r = null, double? weightLrPower = null, double? innerMomentum = null)
        : this([new ParamGroup(parameters)], lr, betas, eps, weightDecay, warmupSteps, r, weightLrPower, innerMomentum)
    {
    }

    /// <summary>Creates Schedule-Free AdamW over param groups; each group may override these hyperparameters.</summary>
    public AdamWScheduleFree(IEnumerable<ParamGroup> groups, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, int? warmupSteps = null, double? r = null, double? weightLrPower = null, double? innerMomentum = null)
        : base(groups, new AdamWScheduleFreeOptions
        {
            Lr = lr ?? s_defaults.Lr, Betas = betas ?? s_defaults.Betas, Eps = eps ?? s_defaults.Eps,
            WeightDecay = weightDecay ?? s_defaults.WeightDecay, WarmupSteps = warmupSteps ?? s_defaults.WarmupSteps,
            R = r ?? s_defaults.R, WeightLrPower = weightLrPower ?? s_defaults.WeightLrPower,
            InnerMomentum = innerMomentum ?? s_defaults.InnerMomentum,
        })
    {
    }

    private protected override AdamWScheduleFreeState NewState(Parameter parameter, AdamWScheduleFreeOptions options) => new()
    {
        ExpAvgSq = Tensor.ZerosLike(parameter),
        ExpAvg = options.InnerMomentum != 0 ? Tensor.ZerosLike(parameter) : null,
    };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, AdamWScheduleFreeOptions o, AdamWScheduleFreeState state)
    {
        if (o.InnerMomentum != 0 && state.ExpAvg is null)
        {
            // Inner momentum switched on after earlier steps: its average starts at zero.
            state.ExpAvg = Tensor.ZerosLike(parameter);
        }
        Run(new AdamWScheduleFreeOperator(o, o.K, Current.Lr, Current.Ckp1), parameter, grad, state.Z, state.ExpAvgSq,
            o.InnerMomentum != 0 ? state.ExpAvg : null);
    }
}
