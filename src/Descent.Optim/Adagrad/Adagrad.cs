namespace Descent.Optim;

/// <summary>Adagrad (Duchi, Hazan &amp; Singer), with learning-rate decay, weight decay and maximize.</summary>
/// <remarks>
/// For each parameter θ with gradient g at step t, as in PyTorch:
/// <code>
/// g ← −g if maximize
/// g ← g + λθ                          if weight decay λ ≠ 0
/// γ̃ ← γ / (1 + (t − 1)η)
/// s ← s + g²                          (s starts at the initial accumulator value)
/// θ ← θ − γ̃g / (√s + ε)
/// </code>
/// As in PyTorch, the state (t = 0 and s) of every parameter exists as soon as the optimizer is built, so a
/// state dict taken before the first step already lists it. Each param group's s starts from that group's
/// initial accumulator value; PyTorch starts every group from the constructor's.
/// </remarks>
public sealed class Adagrad : Optimizer<AdagradOptions, AdagradState>
{
    private static readonly AdagradOptions s_defaults = new();

    /// <summary>Creates Adagrad over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="AdagradOptions"/>.</summary>
    public Adagrad(IEnumerable<Parameter> parameters, double? lr = null, double? lrDecay = null, double? weightDecay = null,
        double? initialAccumulatorValue = null, double? eps = null, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize)
    {
    }

    /// <summary>Creates Adagrad over param groups; each group may override these hyperparameters.</summary>
    public Adagrad(IEnumerable<ParamGroup> groups, double? lr = null, double? lrDecay = null, double? weightDecay = null,
        double? initialAccumulatorValue = null, double? eps = null, bool maximize = false)
        : base(groups, new AdagradOptions
        {
            Lr = lr ?? s_defaults.Lr, LrDecay = lrDecay ?? s_defaults.LrDecay, WeightDecay = weightDecay ?? s_defaults.WeightDecay,
            InitialAccumulatorValue = initialAccumulatorValue ?? s_defaults.InitialAccumulatorValue, Eps = eps ?? s_defaults.Eps, Maximize = maximize,
        })
    {
        // A group added later gets its state at its parameters' first step, where PyTorch's step fails for want of one.
        foreach ((ParamGroup group, Parameter p) in ParamGroups.SelectMany(g => g.Params, (g, p) => (g, p)))
        {
            SetState(p, CreateState(p, (AdagradOptions)group.Options));
        }
    }

    /// <inheritdoc/>
    protected override AdagradState CreateState(Parameter parameter, AdagradOptions options) =>
        new() { Sum = Tensor.Full([.. parameter.Shape], (float)options.InitialAccumulatorValue) };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, AdagradOptions o, AdagradState state)
    {
        state.Step++;
        Run(new AdagradOperator(o, state.Step), parameter, grad, state.Sum);
    }
}
