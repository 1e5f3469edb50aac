namespace Descent.Optim;

/// <summary>
/// Resilient backpropagation (Riedmiller &amp; Braun): each element moves by its own step size in the direction of
/// the gradient's sign, the step growing while the sign holds and shrinking when it flips.
/// </summary>
/// <remarks>
/// For each element with gradient g, previous gradient g_prev and step size Γ, as in PyTorch:
/// <code>
/// g ← −g if maximize
/// Γ ← min(Γη₊, Γ_max)                    if g·g_prev &gt; 0
/// Γ ← max(Γη₋, Γ_min), g ← 0             if g·g_prev &lt; 0
/// θ ← θ − sign(g)·Γ
/// g_prev ← g
/// </code>
/// Γ starts at the learning rate and g_prev at zero, so the first step moves every element by γ.
/// </remarks>
public sealed class Rprop : Optimizer<RpropOptions, RpropState>
{
    private static readonly RpropOptions s_defaults = new();

    /// <summary>Creates Rprop over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="RpropOptions"/>.</summary>
    public Rprop(IEnumerable<Parameter> parameters, double? lr = null, (double, double)? etas = null,
        (double, double)? stepSizes = null, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, etas, stepSizes, maximize)
    {
    }

    /// <summary>Creates Rprop over param groups; each group may override these hyperparameters.</summary>
    public Rprop(IEnumerable<ParamGroup> groups, double? lr = null, (double, double)? etas = null,
        (double, double)? stepSizes = null, bool maximize = false)
        : base(groups, new RpropOptions
        {
            Lr = lr ?? s_defaults.Lr, Etas = etas ?? s_defaults.Etas, StepSizes = stepSizes ?? s_defaults.StepSizes, Maximize = maximize,
        })
    {
    }

    /// <inheritdoc/>
    protected override RpropState CreateState(Parameter parameter, RpropOptions options) =>
        new() { Prev = Tensor.ZerosLike(parameter), StepSize = Tensor.Full([.. parameter.Shape], (float)options.Lr) };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, RpropOptions o, RpropState state)
    {
        state.Step++;
        Run(new RpropOperator(o), parameter, grad, state.Prev, state.StepSize);
    }
}
