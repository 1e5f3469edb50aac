using Descent.Kernels;
using Descent.Optim.Codec;

namespace Descent.Optim;

/// <summary>
/// The base of every optimizer: param groups with their hyperparameters, per-parameter state, <c>Step</c>,
/// <c>ZeroGrad</c>, hooks and state dicts in PyTorch's layout. It never sees a module, only <see cref="Parameter"/>s.
/// </summary>
public abstract partial class Optimizer
{
    private readonly List<ParamGroup> _groups = [];
    private Dictionary<Parameter, ParameterState> _state = new(ReferenceEqualityComparer.Instance);
    private readonly List<Action<Optimizer>> _preHooks = [];
    private readonly List<Action<Optimizer>> _postHooks = [];

    /// <summary>Builds the optimizer from groups; each group's missing hyperparameters come from <paramref name="defaults"/>.</summary>
    /// <exception cref="ArgumentException">No parameters, a parameter in two groups, or an unknown hyperparameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter outside its valid range.</exception>
    protected Optimizer(IEnumerable<ParamGroup> groups, OptimizerOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(defaults);
        defaults.Validate();
        Defaults = defaults;
        ParamGroup[] list = groups.ToArray();
        Throw.ArgumentIf(list.Length == 0 || list.All(g => g.Params.Count == 0), "optimizer got an empty parameter list", nameof(groups));
        foreach (ParamGroup group in list)
        {
            AddParamGroup(group);
        }
    }

    /// <summary>An optimizer that shares <paramref name="inner"/>'s param groups and defaults (the wrappers).</summary>
    private protected Optimizer(Optimizer inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Defaults = inner.Defaults;
        _groups = inner._groups;
    }

    /// <summary>Selects the scalar reference updates instead of the fused kernels (for tests that compare the two).</summary>
    internal bool UseReference { get; set; }

    /// <summary>The most threads one fused update may use, the caller included; zero or less (the default) means every core.</summary>
    /// <remarks>Results are bitwise the same for every value (tests compare one thread against many).</remarks>
    internal int MaxDegreeOfParallelism { get; set; }

    /// <summary>
    /// Runs an element-wise update over <paramref name="parameter"/> with up to three states (null where unused), as
    /// <see cref="UseReference"/> and <see cref="MaxDegreeOfParallelism"/> say.
    /// </summary>
    /// <remarks>
    /// Within <see cref="Step()"/> the updates of every parameter are gathered and run together at the end of the
    /// step, split across cores by elements rather than by parameter (bitwise the same as one by one): 1,000
    /// parameters of 10k elements then use every core, as one large parameter does.
    /// </remarks>
    private protected void Run<TOp>(in TOp op, Parameter parameter, Tensor grad, Tensor? s0 = null, Tensor? s1 = null, Tensor? s2 = null)
        where TOp : struct, IUpdateOperator
    {
        if (!_stepping)
        {
            RunNow(op, parameter, grad, s0, s1, s2);
            return;
        }
        var batch = _batch as UpdateBatch<TOp> ?? NewBatch<TOp>();
        batch.Add(op, Slots(parameter, grad, s0, s1, s2));
    }

    /// <summary>
    /// Runs an element-wise update at once, also within <see cref="Step()"/>: for an update in passes, whose next pass
    /// reads what this one wrote (a trust ratio's norm), or for a mode switch, with a state in the gradient's place.
    /// </summary>
    private protected void RunNow<TOp>(in TOp op, Tensor parameter, Tensor grad, Tensor? s0 = null, Tensor? s1 = null, Tensor? s2 = null)
        where TOp : struct, IUpdateOperator => ElementwiseUpdate.Run(op, Slots(parameter, grad, s0, s1, s2), Path);

    private static UpdateSlots Slots(Tensor parameter, Tensor grad, Tensor? s0, Tensor? s1, Tensor? s2) => new(parameter.AsMemory(),
        grad.AsReadOnlyMemory(), s0?.AsMemory() ?? default, s1?.AsMemory() ?? default, s2?.AsMemory() ?? default);

    // Apart from Run, whose locals a lambda there would capture on every call.
    private UpdateBatch<TOp> NewBatch<TOp>()
        where TOp : struct, IUpdateOperator
    {
        var batch = new UpdateBatch<TOp>();
        (_batch, _runBatch) = (batch, () => batch.Run(Path));
        return batch;
    }

    private UpdatePath Path => new(UseReference, MaxDegreeOfParallelism);

    // The updates gathered during Step (one operator type per optimizer) and the call that runs them.
    private object? _batch;
    private Action? _runBatch;
    private bool _stepping;

    /// <summary>The hyperparameters a new group starts from.</summary>
    public OptimizerOptions Defaults { get; }

    /// <summary>The param groups, in order.</summary>
    public IReadOnlyList<ParamGroup> ParamGroups => _groups;

    /// <summary>Adds a group (for example, layers unfrozen during fine-tuning); missing hyperparameters come from the defaults.</summary>
    public void AddParamGroup(ParamGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        foreach (Parameter p in group.Params)
        {
            Throw.ArgumentIf(!seen.Add(p), "optimizer contains a parameter group with duplicate parameters", nameof(group));
        }
        foreach (ParamGroup existing in _groups)
        {
            Throw.ArgumentIf((existing.ParamNames is null) != (group.ParamNames is null),
                "all optimizer param groups should be with/without names. cannot add param group "
                + (group.ParamNames is null ? "without names" : "with names") + " to the optimizer", nameof(group));
            Throw.ArgumentIf(existing.Params.Any(seen.Contains), "some parameters appear in more than one parameter group", nameof(group));
        }
        group.Attach(this);
        _groups.Add(group);
    }

    /// <summary>Performs one optimization step on every parameter that has a gradient.</summary>
    public virtual void Step()
    {
        RunStepHooks(post: false);
        using (Autograd.NoGrad())
        {
            _stepping = true;
            try
            {
                UpdateGroups();
            }
            finally
            {
                // Also after a failed update: the parameters before it are updated, as one by one they would be.
                _stepping = false;
                _runBatch?.Invoke();
            }
        }
        RunStepHooks(post: true);
    }

    /// <summary>
    /// Re-evaluates the model through <paramref name="closure"/> (which typically zeroes gradients, computes the
    /// loss and calls Backward), steps, and returns the loss the closure computed.
    /// </summary>
    public virtual Tensor Step(Func<Tensor> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        Tensor loss = WithGrad(closure)();
        Step();
        return loss;
    }

    /// <summary>The closure run with grad mode on, as PyTorch runs it under <c>enable_grad</c>.</summary>
    private protected static Func<Tensor> WithGrad(Func<Tensor> closure) => () =>
    {
        using (Autograd.EnableGrad())
        {
            return closure();
        }
    };

    /// <summary>Resets the gradients of all parameters: to null (the default, as PyTorch), or to zeros in place.</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (ParamGroup group in _groups)
        {
            foreach (Parameter p in group.Params)
            {
                if (setToNone)
                {
                    p.Grad = null;
                }
                else if (p.Grad is { } grad)
                {
                    using (Autograd.NoGrad())
                    {
                        grad.AsSpan().Clear();
                    }
                }
            }
        }
    }

    /// <summary>Registers a hook that runs before every step; dispose the result to remove it.</summary>
    public IDisposable RegisterStepPreHook(Action<Optimizer> hook) => Register(_preHooks, hook);

    /// <summary>Registers a hook that runs after every step; dispose the result to remove it.</summary>
    public IDisposable RegisterStepPostHook(Action<Optimizer> hook) => Register(_postHooks, hook);

    /// <summary>The state of <paramref name="parameter"/>, or null before its first step.</summary>
    public virtual ParameterState? GetState(Parameter parameter) => _state.GetValueOrDefault(parameter);

    /// <summary>A copy of the optimizer's state in PyTorch's layout.</summary>
    public virtual OptimizerStateDict StateDict()
    {
        var groups = new List<ParamGroupState>();
        var state = new Dictionary<int, IReadOnlyDictionary<string, object>>();
        int index = 0;
        foreach (ParamGroup group in _groups)
        {
            var indices = new List<int>();
            foreach (Parameter p in group.Params)
            {
                // A state with no entries is left out, as PyTorch leaves out SGD without momentum.
                if (_state.TryGetValue(p, out ParameterState? s) && StateCodec.Export(s) is { Count: > 0 } entries)
                {
                    state[index] = entries.ToDictionary(e => e.Key, e => e.Value!);
                }
                indices.Add(index++);
            }
            groups.Add(new ParamGroupState(group.ToDictionary(), indices) { ParamNames = group.ParamNames });
        }
        return new OptimizerStateDict(GetType().Name, groups, state);
    }

    /// <summary>
    /// Replaces hyperparameters and state with copies of those in <paramref name="stateDict"/>. Everything is
    /// checked first — optimizer type, group count and sizes, hyperparameter values, every state key and
    /// shape — so a dict that does not fit throws <see cref="ArgumentException"/> and leaves this optimizer unchanged.
    /// </summary>
    public virtual void LoadStateDict(OptimizerStateDict stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        Throw.ArgumentIf(stateDict.OptimizerType != GetType().Name,
            $"Cannot load a {stateDict.OptimizerType} state dict into {GetType().Name}.", nameof(stateDict));
        Throw.ArgumentIf(stateDict.ParamGroups.Count != _groups.Count,
            $"loaded state dict has {stateDict.ParamGroups.Count} parameter groups, but the optimizer has {_groups.Count}", nameof(stateDict));

        var parameters = new List<Parameter>();
        var options = new OptimizerOptions[_groups.Count];
        var extras = new Dictionary<string, object?>[_groups.Count];
        for (int g = 0; g < _groups.Count; g++)
        {
            ParamGroupState saved = stateDict.ParamGroups[g];
            Throw.ArgumentIf(saved.Params.Count != _groups[g].Params.Count,
                $"loaded state dict contains a parameter group that doesn't match the size of optimizer's group: group {g} has {saved.Params.Count} parameters in the dict and {_groups[g].Params.Count} in the optimizer", nameof(stateDict));
            CheckNames(saved, _groups[g], g);
            (options[g], extras[g]) = StateCodec.DecodeGroup(Defaults, saved.Hyperparameters, g);
            parameters.AddRange(_groups[g].Params);
        }

        var position = new Dictionary<int, int>();
        foreach ((int saved, int i) in stateDict.ParamGroups.SelectMany(group => group.Params).Select((saved, i) => (saved, i)))
        {
            Throw.ArgumentIf(!position.TryAdd(saved, i), $"Parameter index {saved} appears twice in the state dict's param groups.", nameof(stateDict));
        }
        var newState = new Dictionary<Parameter, ParameterState>(ReferenceEqualityComparer.Instance);
        foreach ((int index, IReadOnlyDictionary<string, object> entries) in stateDict.State)
        {
            Throw.ArgumentIf(!position.TryGetValue(index, out int at), $"State for parameter {index}, which no param group lists.", nameof(stateDict));
            newState[parameters[at]] = DecodeState(entries, parameters[at], $"state of parameter {index}");
        }

        for (int g = 0; g < _groups.Count; g++)
        {
            _groups[g].Restore(options[g], extras[g]);
        }
        _state = newState;
    }

    /// <summary>Runs the update of one group; the base implementation of each family loops its parameters.</summary>
    protected abstract void UpdateGroup(ParamGroup group);

    /// <summary>
    /// Runs the updates of every group, by default one group after the other; an optimizer whose groups share a
    /// quantity (Prodigy's step-size estimate) overrides it to see them all at once.
    /// </summary>
    private protected virtual void UpdateGroups()
    {
        foreach (ParamGroup group in _groups)
        {
            UpdateGroup(group);
        }
    }

    /// <summary>Builds a state from state-dict entries, checking keys and shapes against the parameter.</summary>
    private protected abstract ParameterState DecodeState(IReadOnlyDictionary<string, object> entries, Parameter parameter, string where);

    /// <summary>Sets the state of <paramref name="parameter"/> (on its first step).</summary>
    private protected void SetState(Parameter parameter, ParameterState state) => _state[parameter] = state;

    /// <summary>Runs the step pre-hooks, or the post-hooks; an optimizer that overrides <see cref="Step(Func{Tensor})"/> runs both.</summary>
    private protected void RunStepHooks(bool post)
    {
        foreach (Action<Optimizer> hook in post ? _postHooks : _preHooks)
        {
            hook(this);
        }
    }

    private static IDisposable Register(List<Action<Optimizer>> hooks, Action<Optimizer> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        hooks.Add(hook);
        return new HookHandle(() => hooks.Remove(hook));
    }

    private sealed class HookHandle(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose()
        {
            Interlocked.Exchange(ref _remove, null)?.Invoke();
        }
    }
}
