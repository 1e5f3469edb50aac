namespace Descent.Optim;

/// <summary>Adadelta (Zeiler), with weight decay and maximize.</summary>
/// <remarks>
/// For each parameter θ with gradient g, as in PyTorch:
/// <code>
/// g ← −g if maximize
/// g ← g + λθ                          if weight decay λ ≠ 0
/// v ← ρv + (1 − ρ)g²
/// Δ ← √(u + ε) / √(v + ε) · g
/// u ← ρu + (1 − ρ)Δ²
/// θ ← θ − γΔ
/// </code>
/// v and u start at zero. The paper has no learning rate; γ scales Δ and defaults to 1.
/// </remarks>
public sealed class Adadelta : Optimizer<AdadeltaOptions, AdadeltaState>
{
    private static readonly AdadeltaOptions s_defaults = new();

    /// <summary>Creates Adadelta over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="AdadeltaOptions"/>.</summary>
    public Adadelta(IEnumerable<Parameter> parameters, double? lr = null, double? rho = null, double? eps = null,
        double? weightDecay = null, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, rho, eps, weightDecay, maximize)
    {
    }

    /// <summary>Creates Adadelta over param groups; each group may override these hyperparameters.</summary>
    public Adadelta(IEnumerable<ParamGroup> groups, double? lr = null, double? rho = null, double? eps = null,
        double? weightDecay = null, bool maximize = false)
        : base(groups, new AdadeltaOptions
        {
            Lr = lr ?? s_defaults.Lr, Rho = rho ?? s_defaults.Rho, Eps = eps ?? s_defaults.Eps, WeightDecay = weightDecay ?? s_defaults.WeightDecay,
            Maximize = maximize,
        })
    {
    }

    /// <inheritdoc/>
    protected override AdadeltaState CreateState(Parameter parameter, AdadeltaOptions options) =>
        new() { SquareAvg = Tensor.ZerosLike(parameter), AccDelta = Tensor.ZerosLike(parameter) };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, AdadeltaOptions o, AdadeltaState state)
    {
        state.Step++;
        Run(new AdadeltaOperator(o), parameter, grad, state.SquareAvg, state.AccDelta);
    }
}
