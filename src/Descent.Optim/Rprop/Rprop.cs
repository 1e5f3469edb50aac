using Descent.Kernels;

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
    /// <summary>Creates Rprop over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to optimize.</param>
    /// <param name="lr">The initial step size γ.</param>
    /// <param name="etas">(η₋, η₊): default (0.5, 1.2).</param>
    /// <param name="stepSizes">(Γ_min, Γ_max): default (1e-6, 50).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public Rprop(IEnumerable<Parameter> parameters, double lr = 1e-2, (double, double)? etas = null, (double, double)? stepSizes = null,
        bool maximize = false)
        : this([new ParamGroup(parameters)], lr, etas, stepSizes, maximize)
    {
    }

    /// <summary>Creates Rprop over param groups; each group may override these defaults.</summary>
    public Rprop(IEnumerable<ParamGroup> groups, double lr = 1e-2, (double, double)? etas = null, (double, double)? stepSizes = null,
        bool maximize = false)
        : base(groups, new RpropOptions
        {
            Lr = lr,
            Etas = etas ?? (0.5, 1.2),
            StepSizes = stepSizes ?? (1e-6, 50),
            Maximize = maximize,
        })
    {
    }

    /// <inheritdoc/>
    protected override RpropState CreateState(Parameter parameter, RpropOptions options) => new()
    {
        Prev = Tensor.Zeros([.. parameter.Shape]),
        StepSize = Tensor.Full([.. parameter.Shape], (float)options.Lr),
    };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, RpropOptions o, RpropState state)
    {
        state.Step++;
        ElementwiseUpdate.Run(new RpropOperator(o), new UpdateSlots(parameter.AsMemory(), grad.AsReadOnlyMemory(), state.Prev!.AsMemory(), state.StepSize!.AsMemory()), Path);
    }
}
