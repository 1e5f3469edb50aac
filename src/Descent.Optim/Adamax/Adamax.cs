using Descent.Kernels;

namespace Descent.Optim;

/// <summary>Adamax (Kingma &amp; Ba): Adam with the infinity norm in place of the second moment.</summary>
/// <remarks>
/// For each parameter θ with gradient g at step t, as in PyTorch:
/// <code>
/// g ← −g if maximize
/// g ← g + λθ                          if weight decay λ ≠ 0
/// m ← m + (1 − β₁)(g − m)              (lerp, as current PyTorch)
/// u ← max(β₂u, |g| + ε)
/// θ ← θ − (γ / (1 − β₁ᵗ)) · m / u
/// </code>
/// ε sits inside the maximum, so u &gt; 0 from the first step on.
/// </remarks>
public sealed class Adamax : Optimizer<AdamaxOptions, AdamaxState>
{
    /// <summary>Creates Adamax over <paramref name="parameters"/>.</summary>
    public Adamax(IEnumerable<Parameter> parameters, double lr = 2e-3, (double, double)? betas = null, double eps = 1e-8,
        double weightDecay = 0, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, betas, eps, weightDecay, maximize)
    {
    }

    /// <summary>Creates Adamax over param groups; each group may override these defaults.</summary>
    public Adamax(IEnumerable<ParamGroup> groups, double lr = 2e-3, (double, double)? betas = null, double eps = 1e-8,
        double weightDecay = 0, bool maximize = false)
        : base(groups, new AdamaxOptions
        {
            Lr = lr,
            Betas = betas ?? (0.9, 0.999),
            Eps = eps,
            WeightDecay = weightDecay,
            Maximize = maximize,
        })
    {
    }

    /// <inheritdoc/>
    protected override AdamaxState CreateState(Parameter parameter, AdamaxOptions options)
    {
        int[] shape = [.. parameter.Shape];
        return new AdamaxState { ExpAvg = Tensor.Zeros(shape), ExpInf = Tensor.Zeros(shape) };
    }

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, AdamaxOptions o, AdamaxState state)
    {
        state.Step++;
        ElementwiseUpdate.Run(new AdamaxOperator(o, state.Step), new UpdateSlots(parameter.AsMemory(), grad.AsReadOnlyMemory(), state.ExpAvg!.AsMemory(), state.ExpInf!.AsMemory()), Path);
    }
}
