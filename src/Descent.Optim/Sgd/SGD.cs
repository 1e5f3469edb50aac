namespace Descent.Optim;

/// <summary>Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay.</summary>
/// <remarks>
/// For each parameter θ with gradient g, as in PyTorch:
/// <code>
/// g ← −g if maximize
/// g ← g + λθ                      if weight decay λ ≠ 0
/// b ← g (first step), else b ← μb + (1 − τ)g     if momentum μ ≠ 0
/// g ← g + μb if nesterov, else g ← b
/// θ ← θ − γg
/// </code>
/// </remarks>
public sealed class SGD : Optimizer<SgdOptions, SgdState>
{
    private static readonly SgdOptions s_defaults = new();

    /// <summary>Creates SGD over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="SgdOptions"/>.</summary>
    public SGD(IEnumerable<Parameter> parameters, double? lr = null, double? momentum = null, double? dampening = null,
        double? weightDecay = null, bool nesterov = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, momentum, dampening, weightDecay, nesterov, maximize)
    {
    }

    /// <summary>Creates SGD over param groups; each group may override these hyperparameters.</summary>
    public SGD(IEnumerable<ParamGroup> groups, double? lr = null, double? momentum = null, double? dampening = null,
        double? weightDecay = null, bool nesterov = false, bool maximize = false)
        : base(groups, new SgdOptions
        {
            Lr = lr ?? s_defaults.Lr, Momentum = momentum ?? s_defaults.Momentum, Dampening = dampening ?? s_defaults.Dampening,
            WeightDecay = weightDecay ?? s_defaults.WeightDecay, Nesterov = nesterov, Maximize = maximize,
        })
    {
    }

    /// <inheritdoc/>
    protected override SgdState CreateState(Parameter parameter, SgdOptions options) => new();

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, SgdOptions o, SgdState state)
    {
        // PyTorch starts the buffer at the first (decayed) gradient, not at zero.
        bool first = o.Momentum != 0 && state.MomentumBuffer is null;
        state.MomentumBuffer ??= first ? Tensor.ZerosLike(parameter) : null;
        Run(new SgdOperator(o, first), parameter, grad, o.Momentum != 0 ? state.MomentumBuffer : null);
    }
}
