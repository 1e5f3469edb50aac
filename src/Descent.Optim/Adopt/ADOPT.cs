namespace Descent.Optim;

/// <summary>
/// ADOPT (Taniguchi et al. 2024), as the authors' <c>ADOPT</c> (iShohei220/adopt, src/adopt/adopt.py): Adam with the
/// gradient normalized by the second moment of the steps before it, then clipped, then averaged.
/// </summary>
/// <remarks>
/// For each parameter θ with gradient g, with t steps taken before this one:
/// <code>
/// g ← −g if maximize;  g ← g + λθ unless decoupled
/// t = 0:  v ← v + g², and θ stays
/// t ≥ 1:  θ ← θ − γλθ if decoupled
///         ĝ = clamp(g / max(√v, ε), −clip_lambda(t), clip_lambda(t))   (clip_lambda(t) = t^¼ by default)
///         m ← lerp(m, ĝ, 1 − β₁);  θ ← θ − γm;  v ← β₂v + (1 − β₂)g²
/// </code>
/// </remarks>
public sealed class ADOPT : Optimizer<AdoptOptions, AdoptState>
{
    private static readonly AdoptOptions s_defaults = new();

    /// <summary>Creates ADOPT over <paramref name="parameters"/>; each hyperparameter left out takes the authors' default.</summary>
    public ADOPT(IEnumerable<Parameter> parameters, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, bool decouple = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, betas, eps, weightDecay, decouple, maximize)
    {
    }

    /// <summary>Creates ADOPT over param groups; each group may override these hyperparameters.</summary>
    public ADOPT(IEnumerable<ParamGroup> groups, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, bool decouple = false, bool maximize = false)
        : base(groups, new AdoptOptions
        {
            Lr = lr ?? s_defaults.Lr, Betas = betas ?? s_defaults.Betas, Eps = eps ?? s_defaults.Eps,
            WeightDecay = weightDecay ?? s_defaults.WeightDecay, Decouple = decouple, Maximize = maximize,
        })
    {
    }

    /// <summary>
    /// The clipping bound at step t (the steps taken before this one, from 1), as the authors' <c>clip_lambda</c>:
    /// t^¼ by default; null turns clipping off. Like the authors' attribute, it is no group key and no state.
    /// </summary>
    public Func<int, double>? ClipLambda { get; set; } = static step => Math.Pow(step, 0.25);

    /// <inheritdoc/>
    protected override AdoptState CreateState(Parameter parameter, AdoptOptions options) => new()
    {
        ExpAvg = Tensor.ZerosLike(parameter),
        ExpAvgSq = Tensor.ZerosLike(parameter),
    };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, AdoptOptions o, AdoptState state)
    {
        double? clip = state.Step > 0 && ClipLambda is { } lambda ? lambda(state.Step) : null;
        Run(new AdoptOperator(o, state.Step, clip), parameter, grad, state.ExpAvg, state.ExpAvgSq);
        state.Step++;
    }
}
