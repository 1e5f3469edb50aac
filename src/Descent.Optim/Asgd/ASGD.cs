namespace Descent.Optim;

/// <summary>
/// Averaged stochastic gradient descent (Polyak &amp; Juditsky): SGD with a decaying step size that also keeps a
/// running average θ̄ of the iterates once step t₀ has passed.
/// </summary>
/// <remarks>
/// For each parameter θ with gradient g at step t, as in PyTorch (η₀ = γ, μ₀ = 1):
/// <code>
/// g ← −g if maximize
/// g ← g + λ_wd·θ                         if weight decay λ_wd ≠ 0
/// θ ← θ(1 − λη)                          (η and μ from the previous step)
/// θ ← θ − ηg
/// θ̄ ← θ̄ + μ(θ − θ̄) if μ ≠ 1, else θ̄ ← θ
/// η ← γ / (1 + λγt)^α
/// μ ← 1 / max(1, t − t₀)
/// </code>
/// The parameter itself follows plain decayed SGD; θ̄ (state <c>ax</c>) is the average to evaluate with.
/// </remarks>
public sealed class ASGD : Optimizer<AsgdOptions, AsgdState>
{
    private static readonly AsgdOptions s_defaults = new();

    /// <summary>Creates ASGD over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="AsgdOptions"/>.</summary>
    public ASGD(IEnumerable<Parameter> parameters, double? lr = null, double? lambd = null, double? alpha = null,
        double? t0 = null, double? weightDecay = null, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, lambd, alpha, t0, weightDecay, maximize)
    {
    }

    /// <summary>Creates ASGD over param groups; each group may override these hyperparameters.</summary>
    public ASGD(IEnumerable<ParamGroup> groups, double? lr = null, double? lambd = null, double? alpha = null,
        double? t0 = null, double? weightDecay = null, bool maximize = false)
        : base(groups, new AsgdOptions
        {
            Lr = lr ?? s_defaults.Lr, Lambd = lambd ?? s_defaults.Lambd, Alpha = alpha ?? s_defaults.Alpha, T0 = t0 ?? s_defaults.T0,
            WeightDecay = weightDecay ?? s_defaults.WeightDecay, Maximize = maximize,
        })
    {
    }

    /// <inheritdoc/>
    protected override AsgdState CreateState(Parameter parameter, AsgdOptions options) =>
        new() { Eta = (float)options.Lr, Mu = 1f, Ax = Tensor.ZerosLike(parameter) };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, AsgdOptions o, AsgdState state)
    {
        state.Step++;
        Run(new AsgdOperator(o, state.Eta, state.Mu), parameter, grad, state.Ax);
        // The next step's η and μ, in double from the step count and stored in float32, as PyTorch copies them
        // into its float32 scalar tensors.
        state.Eta = (float)(o.Lr / Math.Pow(1 + o.Lambd * o.Lr * state.Step, o.Alpha));
        state.Mu = (float)(1 / Math.Max(1, state.Step - o.T0));
    }
}
