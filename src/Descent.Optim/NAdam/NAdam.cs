namespace Descent.Optim;

/// <summary>NAdam (Dozat): Adam with Nesterov momentum and a warming momentum schedule; NAdamW with decoupled decay.</summary>
/// <remarks>
/// For each parameter θ with gradient g at step t, as in current PyTorch:
/// <code>
/// g ← −g if maximize
/// θ ← θ(1 − γλ) if decoupled weight decay, else g ← g + λθ
/// μₜ ← β₁(1 − ½·0.96^(tψ)),  μₜ₊₁ ← β₁(1 − ½·0.96^((t+1)ψ))
/// Π ← Π·μₜ                                  (mu_product, Π = μ₁⋯μₜ)
/// m ← m + (1 − β₁)(g − m)                    (lerp)
/// v ← β₂v + (1 − β₂)g²
/// d ← √(v / (1 − β₂ᵗ)) + ε
/// θ ← θ − γ(1 − μₜ)/(1 − Π) · g/d − γμₜ₊₁/(1 − Πμₜ₊₁) · m/d
/// </code>
/// PyTorch 1.13 divided the momentum term by 1 − Πμₜμₜ₊₁, counting μₜ twice; PyTorch 2.0 fixed that, and
/// Descent follows the fix.
/// </remarks>
public sealed class NAdam : Optimizer<NAdamOptions, NAdamState>
{
    private static readonly NAdamOptions s_defaults = new();

    /// <summary>Creates NAdam over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="NAdamOptions"/>.</summary>
    public NAdam(IEnumerable<Parameter> parameters, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, double? momentumDecay = null, bool decoupledWeightDecay = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, betas, eps, weightDecay, momentumDecay, decoupledWeightDecay, maximize)
    {
    }

    /// <summary>Creates NAdam over param groups; each group may override these hyperparameters.</summary>
    public NAdam(IEnumerable<ParamGroup> groups, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, double? momentumDecay = null, bool decoupledWeightDecay = false, bool maximize = false)
        : base(groups, new NAdamOptions
        {
            Lr = lr ?? s_defaults.Lr, Betas = betas ?? s_defaults.Betas, Eps = eps ?? s_defaults.Eps,
            WeightDecay = weightDecay ?? s_defaults.WeightDecay, MomentumDecay = momentumDecay ?? s_defaults.MomentumDecay,
            DecoupledWeightDecay = decoupledWeightDecay, Maximize = maximize,
        })
    {
    }

    /// <inheritdoc/>
    protected override NAdamState CreateState(Parameter parameter, NAdamOptions options) =>
        new() { ExpAvg = Tensor.ZerosLike(parameter), ExpAvgSq = Tensor.ZerosLike(parameter) };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, NAdamOptions o, NAdamState state)
    {
        state.Step++;
        double mu = Mu(o, state.Step);
        // PyTorch multiplies its float32 mu_product tensor by the Python number μₜ: a float32 product.
        state.MuProduct *= (float)mu;
        Run(new NAdamOperator(o, state.Step, mu, Mu(o, state.Step + 1), state.MuProduct), parameter, grad, state.ExpAvg, state.ExpAvgSq);
    }

    /// <summary>The momentum schedule μₜ = β₁(1 − ½·0.96^(tψ)).</summary>
    private static double Mu(NAdamOptions o, int step) => o.Betas.Beta1 * (1.0 - 0.5 * Math.Pow(0.96, step * o.MomentumDecay));
}
