namespace Descent.Optim;

/// <summary>LAMB (You et al., 2020): the Adam direction plus weight decay, scaled per parameter by a trust ratio.</summary>
/// <remarks>
/// For each parameter θ with gradient g at step t, as optax's <c>lamb</c> chains <c>scale_by_adam</c>,
/// <c>add_decayed_weights</c>, <c>scale_by_trust_ratio</c> and the learning rate:
/// <code>
/// m ← (1 − β₁)g + β₁m
/// v ← (1 − β₂)g² + β₂v
/// u ← (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ) + ε_root) + ε) + λθ
/// r ← ‖θ‖ / ‖u‖, or 1 where either norm is zero
/// θ ← θ − γ·(r·u)
/// </code>
/// The update runs in two passes over each parameter, the direction u and then the step, since r needs all of u.
/// </remarks>
public sealed class Lamb : Optimizer<LambOptions, LambState>
{
    private static readonly LambOptions s_defaults = new();
    private readonly ScratchBuffers _directions = new();

    /// <summary>Creates LAMB over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="LambOptions"/>.</summary>
    public Lamb(IEnumerable<Parameter> parameters, double? lr = null, double? b1 = null, double? b2 = null, double? eps = null,
        double? epsRoot = null, double? weightDecay = null, bool mask = true)
        : this([new ParamGroup(parameters)], lr, b1, b2, eps, epsRoot, weightDecay, mask)
    {
    }

    /// <summary>Creates LAMB over param groups; each group may override these hyperparameters.</summary>
    public Lamb(IEnumerable<ParamGroup> groups, double? lr = null, double? b1 = null, double? b2 = null, double? eps = null,
        double? epsRoot = null, double? weightDecay = null, bool mask = true)
        : base(groups, new LambOptions
        {
            Lr = lr ?? s_defaults.Lr, B1 = b1 ?? s_defaults.B1, B2 = b2 ?? s_defaults.B2, Eps = eps ?? s_defaults.Eps,
            EpsRoot = epsRoot ?? s_defaults.EpsRoot, WeightDecay = weightDecay ?? s_defaults.WeightDecay, Mask = mask,
        })
    {
    }

    /// <inheritdoc/>
    protected override LambState CreateState(Parameter parameter, LambOptions options) => new()
    {
        Mu = Tensor.ZerosLike(parameter),
        Nu = Tensor.ZerosLike(parameter),
    };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, LambOptions o, LambState state)
    {
        state.Count++;
        Tensor u = _directions.For(parameter);
        RunNow(LambOperator.Direction(o, state.Count), parameter, grad, state.Mu, state.Nu, u);
        float ratio = TrustRatio.Of(parameter.AsReadOnlySpan(), u.AsReadOnlySpan());
        RunNow(LambOperator.Apply(o, ratio), parameter, u);
    }
}
