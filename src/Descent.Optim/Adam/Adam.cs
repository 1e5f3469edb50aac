namespace Descent.Optim;

/// <summary>Adam (Kingma &amp; Ba), with L2 or decoupled weight decay, AMSGrad and maximize.</summary>
/// <remarks>
/// For each parameter θ with gradient g at step t, as in PyTorch:
/// <code>
/// g ← −g if maximize
/// θ ← θ(1 − γλ) if decoupled weight decay, else g ← g + λθ
/// m ← m + (1 − β₁)(g − m)                  (lerp, as current PyTorch)
/// v ← β₂v + (1 − β₂)g²
/// v̂ ← max(v̂, v) if amsgrad, else v̂ = v
/// θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
/// </code>
/// </remarks>
public class Adam : Optimizer<AdamOptions, AdamState>
{
    private static readonly AdamOptions s_defaults = new();

    /// <summary>Creates Adam over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="AdamOptions"/>.</summary>
    public Adam(IEnumerable<Parameter> parameters, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, bool amsgrad = false, bool maximize = false, bool decoupledWeightDecay = false)
        : this([new ParamGroup(parameters)], lr, betas, eps, weightDecay, amsgrad, maximize, decoupledWeightDecay)
    {
    }

    /// <summary>Creates Adam over param groups; each group may override these hyperparameters.</summary>
    public Adam(IEnumerable<ParamGroup> groups, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, bool amsgrad = false, bool maximize = false, bool decoupledWeightDecay = false)
        : base(groups, new AdamOptions
        {
            Lr = lr ?? s_defaults.Lr, Betas = betas ?? s_defaults.Betas, Eps = eps ?? s_defaults.Eps,
            WeightDecay = weightDecay ?? s_defaults.WeightDecay, Amsgrad = amsgrad, Maximize = maximize, DecoupledWeightDecay = decoupledWeightDecay,
        })
    {
    }

    /// <inheritdoc/>
    protected sealed override AdamState CreateState(Parameter parameter, AdamOptions options) =>
        new() { ExpAvg = Tensor.ZerosLike(parameter), ExpAvgSq = Tensor.ZerosLike(parameter) };

    /// <inheritdoc/>
    protected sealed override void Update(Parameter parameter, Tensor grad, AdamOptions o, AdamState state)
    {
        // The running maximum starts at zero, also when AMSGrad is switched on after earlier steps, as in PyTorch.
        state.MaxExpAvgSq ??= o.Amsgrad ? Tensor.ZerosLike(parameter) : null;
        state.Step++;
        Run(new AdamOperator(o, state.Step), parameter, grad, state.ExpAvg, state.ExpAvgSq, o.Amsgrad ? state.MaxExpAvgSq : null);
    }
}
