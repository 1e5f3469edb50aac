namespace Descent.Optim;

/// <summary>
/// What Schedule-Free SGD and AdamW share (Defazio et al. 2024, facebookresearch/schedule_free 1.4.1): the group
/// counters that each step advances, and the <see cref="Train"/> / <see cref="Eval"/> switch of the parameters between
/// the point y where gradients are taken and the average x to evaluate.
/// </summary>
/// <remarks>
/// The reference refuses a step outside train mode; so does this, except before the first step, when y = x = z and
/// switching to train mode moves nothing: that step switches on its own, so an optimizer built and stepped at once
/// (as every other optimizer is) trains as the reference does after <c>train()</c>.
/// </remarks>
public abstract class ScheduleFreeOptimizer<TOptions, TState> : Optimizer<TOptions, TState>, ITrainEvalOptimizer
    where TOptions : ScheduleFreeOptions
    where TState : ScheduleFreeState
{
    private const string NotInTrainMode = "Optimizer was not in train mode when step is called. Please insert .train() and .eval() calls on the optimizer. See documentation for details.";

    /// <inheritdoc/>
    private protected ScheduleFreeOptimizer(IEnumerable<ParamGroup> groups, TOptions defaults)
        : base(groups, defaults)
    {
    }

    /// <summary>The current step's learning rate after warmup and averaging coefficient, set for each group in turn.</summary>
    private protected (double Lr, double Ckp1) Current { get; private set; }

    /// <inheritdoc/>
    public bool IsTraining => ((TOptions)ParamGroups[0].Options).TrainMode;

    /// <inheritdoc/>
    public void Train() => Switch(train: true);

    /// <inheritdoc/>
    public void Eval() => Switch(train: false);

    /// <inheritdoc/>
    protected sealed override TState CreateState(Parameter parameter, TOptions options)
    {
        TState state = NewState(parameter, options);
        state.Z = parameter.Detach().Clone();
        return state;
    }

    /// <summary>The state of a parameter's first step, z aside (the base sets it to θ).</summary>
    private protected abstract TState NewState(Parameter parameter, TOptions options);

    private protected sealed override TOptions BeginGroup(ParamGroup group, TOptions options)
    {
        if (ReferenceEquals(group, ParamGroups[0]) && !options.TrainMode)
        {
            if (ParamGroups.Any(g => g.Params.Any(p => GetState(p) is not null)))
            {
                throw new InvalidOperationException(NotInTrainMode);
            }
            Train();
            options = (TOptions)group.Options;
        }
        (double lr, double ckp1, ScheduleFreeOptions after) = options.NextStep();
        Current = (lr, ckp1);
        group.Options = after;
        return options;
    }

    private void Switch(bool train)
    {
        using (Autograd.NoGrad())
        {
            foreach (ParamGroup group in ParamGroups)
            {
                var options = (TOptions)group.Options;
                if (options.TrainMode == train)
                {
                    continue;
                }
                double beta = options.AverageBeta;
                var op = new ModeSwitchOperator(train ? 1 - beta : 1 - 1 / beta);
                foreach (Parameter p in group.Params)
                {
                    if (GetState(p) is TState { Z: { } z })
                    {
                        RunNow(op, p, z);
                    }
                }
                group.Options = options with { TrainMode = train };
            }
        }
    }
}
