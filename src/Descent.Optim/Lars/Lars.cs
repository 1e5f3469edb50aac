namespace Descent.Optim;

/// <summary>LARS (You et al., 2017): SGD with momentum whose step is scaled per parameter by a trust ratio.</summary>
/// <remarks>
/// For each parameter θ with gradient g, as optax's <c>lars</c> chains <c>add_decayed_weights</c>,
/// <c>scale_by_trust_ratio</c>, the learning rate and <c>trace</c>:
/// <code>
/// u ← g + λθ                                   (where weight_decay_mask)
/// u ← u · η‖θ‖ / (‖u‖ + ε), or u where a norm is 0   (where trust_ratio_mask)
/// s ← −γu
/// b ← s + μb
/// θ ← θ + (s + μb if nesterov, else b)
/// </code>
/// The momentum trace holds steps that already carry γ, as optax's chain puts <c>trace</c> after the learning rate.
/// optax's masks are trees over the parameters; here each is a flag of a param group, and <see cref="ExcludeVectors"/>
/// builds the usual split (biases and other 1-D parameters without decay or trust ratio, as the LARS paper and optax's
/// examples mask them).
/// </remarks>
public sealed class Lars : Optimizer<LarsOptions, LarsState>
{
    private static readonly LarsOptions s_defaults = new();
    private readonly ScratchBuffers _directions = new();

    /// <summary>Creates LARS over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="LarsOptions"/>.</summary>
    public Lars(IEnumerable<Parameter> parameters, double? lr = null, double? weightDecay = null, double? trustCoefficient = null,
        double? eps = null, double? momentum = null, bool nesterov = false)
        : this([new ParamGroup(parameters)], lr, weightDecay, trustCoefficient, eps, momentum, nesterov)
    {
    }

    /// <summary>Creates LARS over param groups; each group may override these hyperparameters.</summary>
    public Lars(IEnumerable<ParamGroup> groups, double? lr = null, double? weightDecay = null, double? trustCoefficient = null,
        double? eps = null, double? momentum = null, bool nesterov = false)
        : base(groups, new LarsOptions
        {
            Lr = lr ?? s_defaults.Lr, WeightDecay = weightDecay ?? s_defaults.WeightDecay,
            TrustCoefficient = trustCoefficient ?? s_defaults.TrustCoefficient, Eps = eps ?? s_defaults.Eps,
            Momentum = momentum ?? s_defaults.Momentum, Nesterov = nesterov,
        })
    {
    }

    /// <summary>
    /// Two groups: parameters of two or more dimensions, and the rest (biases) with weight decay and trust ratio masked
    /// off. A group left empty is left out.
    /// </summary>
    public static IReadOnlyList<ParamGroup> ExcludeVectors(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameter[] all = parameters.ToArray();
        var groups = new List<ParamGroup>();
        if (all.Where(p => p.Rank > 1).ToArray() is { Length: > 0 } matrices)
        {
            groups.Add(new ParamGroup(matrices));
        }
        if (all.Where(p => p.Rank <= 1).ToArray() is { Length: > 0 } vectors)
        {
            groups.Add(new ParamGroup(vectors) { ["weight_decay_mask"] = false, ["trust_ratio_mask"] = false });
        }
        return groups;
    }

    /// <inheritdoc/>
    protected override LarsState CreateState(Parameter parameter, LarsOptions options) => new() { Trace = Tensor.ZerosLike(parameter) };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, LarsOptions o, LarsState state)
    {
        Tensor u = _directions.For(parameter);
        RunNow(LarsOperator.Direction(o), parameter, grad, u);
        float ratio = o.TrustRatioMask ? TrustRatio.Of(parameter.AsReadOnlySpan(), u.AsReadOnlySpan(), o.TrustCoefficient, o.Eps) : 1f;
        RunNow(LarsOperator.Apply(o, ratio, o.TrustRatioMask), parameter, u, state.Trace);
    }
}
