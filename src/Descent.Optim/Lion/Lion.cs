namespace Descent.Optim;

/// <summary>Lion, EvoLved Sign Momentum (Chen et al., 2023): the sign of an interpolated momentum, with decoupled weight decay.</summary>
/// <remarks>
/// For each parameter θ with gradient g, as optax's <c>scale_by_lion</c> and the paper's PyTorch port
/// (lucidrains/lion-pytorch) compute it:
/// <code>
/// θ ← θ(1 − γλ)
/// c ← β₁m + (1 − β₁)g
/// θ ← θ − γ·sign(c)
/// m ← β₂m + (1 − β₂)g
/// </code>
/// Every element moves by exactly γ (or not at all), so Lion wants a learning rate 3–10× smaller than AdamW's and a
/// weight decay as many times larger. The decay is the paper's θ(1 − γλ), not optax's γ·λθ added to the update: the two
/// differ only in float32 rounding.
/// </remarks>
public sealed class Lion : Optimizer<LionOptions, LionState>
{
    private static readonly LionOptions s_defaults = new();

    /// <summary>Creates Lion over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="LionOptions"/>.</summary>
    public Lion(IEnumerable<Parameter> parameters, double? lr = null, (double, double)? betas = null, double? weightDecay = null)
        : this([new ParamGroup(parameters)], lr, betas, weightDecay)
    {
    }

    /// <summary>Creates Lion over param groups; each group may override these hyperparameters.</summary>
    public Lion(IEnumerable<ParamGroup> groups, double? lr = null, (double, double)? betas = null, double? weightDecay = null)
        : base(groups, new LionOptions
        {
            Lr = lr ?? s_defaults.Lr, Betas = betas ?? s_defaults.Betas, WeightDecay = weightDecay ?? s_defaults.WeightDecay,
        })
    {
    }

    /// <inheritdoc/>
    protected override LionState CreateState(Parameter parameter, LionOptions options) => new() { ExpAvg = Tensor.ZerosLike(parameter) };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, LionOptions o, LionState state) =>
        Run(new LionOperator(o), parameter, grad, state.ExpAvg);
}
