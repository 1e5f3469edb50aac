namespace Descent.Optim;

/// <summary>
/// Schedule-Free SGD (Defazio et al. 2024), as facebookresearch/schedule_free 1.4.1's <c>SGDScheduleFree</c>.
/// </summary>
/// <remarks>
/// For each parameter, θ = y while training, with gradient g at the group's step k (from 0), γ and c as
/// <see cref="AdamWScheduleFree"/> computes them and β the momentum:
/// <code>
/// g ← g + λy
/// y ← lerp(y, z, c) + γ(β(1 − c) − 1)g
/// z ← z − γg
/// </code>
/// <see cref="ScheduleFreeOptimizer{TOptions, TState}.Eval"/> moves θ to x = lerp(y, z, 1 − 1/β) and
/// <see cref="ScheduleFreeOptimizer{TOptions, TState}.Train"/> back to y = lerp(x, z, 1 − β).
/// </remarks>
public sealed class SGDScheduleFree : ScheduleFreeOptimizer<SGDScheduleFreeOptions, SGDScheduleFreeState>
{
    private static readonly SGDScheduleFreeOptions s_defaults = new();

    /// <summary>Creates Schedule-Free SGD over <paramref name="parameters"/>; each hyperparameter left out takes the reference's default.</summary>
    public SGDScheduleFree(IEnumerable<Parameter> parameters, double? lr = null, double? momentum = null, double? weightDecay = null,
        int? warmupSteps = null, double? r = null, double? weightLrPower = null)
        : this([new ParamGroup(parameters)], lr, momentum, weightDecay, warmupSteps, r, weightLrPower)
    {
    }

    /// <summary>Creates Schedule-Free SGD over param groups; each group may override these hyperparameters.</summary>
    public SGDScheduleFree(IEnumerable<ParamGroup> groups, double? lr = null, double? momentum = null, double? weightDecay = null,
        int? warmupSteps = null, double? r = null, double? weightLrPower = null)
        : base(groups, new SGDScheduleFreeOptions
        {
            Lr = lr ?? s_defaults.Lr, Momentum = momentum ?? s_defaults.Momentum, WeightDecay = weightDecay ?? s_defaults.WeightDecay,
            WarmupSteps = warmupSteps ?? s_defaults.WarmupSteps, R = r ?? s_defaults.R,
            WeightLrPower = weightLrPower ?? s_defaults.WeightLrPower,
        })
    {
    }

    private protected override SGDScheduleFreeState NewState(Parameter parameter, SGDScheduleFreeOptions options) => new();

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, SGDScheduleFreeOptions o, SGDScheduleFreeState state) =>
        Run(new SGDScheduleFreeOperator(o, Current.Lr, Current.Ckp1), parameter, grad, state.Z);
}
