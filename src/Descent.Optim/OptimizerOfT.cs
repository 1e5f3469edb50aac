using Descent.Optim.Codec;

namespace Descent.Optim;

/// <summary>
/// An optimizer whose update touches one parameter at a time: options of type <typeparamref name="TOptions"/>,
/// state of type <typeparamref name="TState"/>. The base loops groups and parameters, skips parameters without a
/// gradient and creates state lazily; a derived class supplies only the state's initial value and the update.
/// </summary>
public abstract class Optimizer<TOptions, TState> : Optimizer
    where TOptions : OptimizerOptions
    where TState : ParameterState
{
    /// <inheritdoc/>
    protected Optimizer(IEnumerable<ParamGroup> groups, TOptions defaults)
        : base(groups, defaults)
    {
    }

    /// <summary>The initial state of <paramref name="parameter"/>, created before its first update.</summary>
    protected abstract TState CreateState(Parameter parameter, TOptions options);

    /// <summary>
    /// Runs before a group's parameters are updated and returns the options their updates see; an optimizer that keeps
    /// counters in the group (Schedule-Free's <c>k</c>) advances them here. The base returns <paramref name="options"/>.
    /// </summary>
    private protected virtual TOptions BeginGroup(ParamGroup group, TOptions options) => options;

    /// <summary>Updates one parameter in place from its gradient; runs with grad mode off.</summary>
    protected abstract void Update(Parameter parameter, Tensor grad, TOptions options, TState state);

    /// <inheritdoc/>
    protected sealed override void UpdateGroup(ParamGroup group)
    {
        var options = BeginGroup(group, (TOptions)group.Options);
        IReadOnlyList<Parameter> parameters = group.Params;
        for (int i = 0; i < parameters.Count; i++)
        {
            Parameter p = parameters[i];
            if (p.Grad is not { } grad)
            {
                continue;
            }
            if (GetState(p) is not TState state)
            {
                state = CreateState(p, options);
                SetState(p, state);
            }
            Update(p, grad, options, state);
        }
    }

    private protected override ParameterState DecodeState(IReadOnlyDictionary<string, object> entries, Parameter parameter, string where) =>
        StateCodec.FromDictionary(typeof(TState), entries, [.. parameter.Shape], where);
}
