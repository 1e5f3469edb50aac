namespace Descent.Optim;

/// <summary>RMSprop (Hinton), with optional momentum, centering, weight decay and maximize.</summary>
/// <remarks>
/// For each parameter θ with gradient g, as in PyTorch:
/// <code>
/// g ← −g if maximize
/// g ← g + λθ                          if weight decay λ ≠ 0
/// v ← αv + (1 − α)g²
/// ḡ ← ḡ + (1 − α)(g − ḡ)              if centered (lerp, as current PyTorch)
/// d ← √(v − ḡ²) + ε if centered, else √v + ε
/// b ← μb + g / d,  θ ← θ − γb          if momentum μ &gt; 0
/// θ ← θ − γg / d                       otherwise
/// </code>
/// ε is added after the square root (TensorFlow adds it inside). v, ḡ and b start at zero.
/// </remarks>
public sealed class RMSprop : Optimizer<RmsPropOptions, RmsPropState>
{
    private static readonly RmsPropOptions s_defaults = new();

    /// <summary>Creates RMSprop over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="RmsPropOptions"/>.</summary>
    public RMSprop(IEnumerable<Parameter> parameters, double? lr = null, double? alpha = null, double? eps = null,
        double? weightDecay = null, double? momentum = null, bool centered = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, alpha, eps, weightDecay, momentum, centered, maximize)
    {
    }

    /// <summary>Creates RMSprop over param groups; each group may override these hyperparameters.</summary>
    public RMSprop(IEnumerable<ParamGroup> groups, double? lr = null, double? alpha = null, double? eps = null,
        double? weightDecay = null, double? momentum = null, bool centered = false, bool maximize = false)
        : base(groups, new RmsPropOptions
        {
            Lr = lr ?? s_defaults.Lr, Alpha = alpha ?? s_defaults.Alpha, Eps = eps ?? s_defaults.Eps,
            WeightDecay = weightDecay ?? s_defaults.WeightDecay, Momentum = momentum ?? s_defaults.Momentum, Centered = centered, Maximize = maximize,
        })
    {
    }

    /// <inheritdoc/>
    protected override RmsPropState CreateState(Parameter parameter, RmsPropOptions options) => new() { SquareAvg = Tensor.ZerosLike(parameter) };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, RmsPropOptions o, RmsPropState state)
    {
        // PyTorch creates these buffers only with the first state, and fails when momentum or centering is
        // switched on later; here they start at zero then, as they would have at the first step.
        state.MomentumBuffer ??= o.Momentum > 0 ? Tensor.ZerosLike(parameter) : null;
        state.GradAvg ??= o.Centered ? Tensor.ZerosLike(parameter) : null;
        state.Step++;
        Run(new RmsPropOperator(o), parameter, grad, state.SquareAvg, o.Centered ? state.GradAvg : null, o.Momentum > 0 ? state.MomentumBuffer : null);
    }
}
