using Descent.Optim;

namespace Descent.Training;

public abstract partial class MlpLearner
{
    /// <summary>
    /// A fresh, untrained learner with the same settings, for resampling and tuning, where every iteration must
    /// start from the same configuration and none may see another's state.
    /// </summary>
    /// <remarks>
    /// Every setting is copied; <see cref="Neurons"/>, <see cref="OptimizerOptions"/> (array values included) and
    /// the measure and callback lists are new collections, so changing the clone's settings never changes this
    /// learner. <see cref="Model"/> is not copied. Measures, the <see cref="Loss"/> and the
    /// <see cref="ValidationTask"/> are shared, as they hold no training state. A callback is replaced by its
    /// <see cref="Callback.Clone"/> where it overrides it (the built-in stateful callbacks do); one that does not is
    /// shared only if it is stateless, that is its <see cref="Callback.StateDict"/> is empty. A stateful callback
    /// without a clone cannot be given to two runs, and cloning throws.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A callback keeps state and does not override <see cref="Callback.Clone"/>.</exception>
    public abstract MlpLearner Clone();

    /// <summary>A learner of the same kind with every setting at its default, to tell which settings a label shows.</summary>
    private protected abstract MlpLearner CreateDefault();

    /// <summary>Copies every setting of this learner into <paramref name="target"/> (see <see cref="Clone"/>) and returns it.</summary>
    private protected T CopySettingsTo<T>(T target)
        where T : MlpLearner
    {
        target.Neurons = [.. Neurons];
        target.NLayers = NLayers;
        target.Activation = Activation;
        target.P = P;
        target.BatchSize = BatchSize;
        target.AccumulateBatches = AccumulateBatches;
        target.Epochs = Epochs;
        target.Optimizer = Optimizer;
        target.OptimizerOptions = OptimizerOptions.ToDictionary(kv => kv.Key, kv => kv.Value is Array a ? a.Clone() : kv.Value);
        target.MuonSplit = MuonSplit;
        target.Loss = Loss;
        target.Callbacks = Callbacks.Select(CloneCallback).ToList();
        target.MeasuresTrain = [.. MeasuresTrain];
        target.MeasuresValid = [.. MeasuresValid];
        target.ValidationRatio = ValidationRatio;
        target.ValidationTask = ValidationTask;
        target.Patience = Patience;
        target.MinDelta = MinDelta;
        target.RestoreBestWeights = RestoreBestWeights;
        target.Seed = Seed;
        target.Shuffle = Shuffle;
        target.Standardize = Standardize;
        return target;
    }

    private static Callback CloneCallback(Callback callback)
    {
        if (callback.Clone() is { } clone)
        {
            return clone;
        }
        if (callback.StateDict().Count == 0)
        {
            return callback;
        }
        throw new InvalidOperationException(
            $"The callback '{callback.Id}' keeps state (its StateDict is not empty) and does not override Callback.Clone, so a cloned learner "
            + "cannot get a fresh copy of it; override Clone to return a new instance with the same settings.");
    }

    /// <summary>
    /// Sets a hyperparameter by its mlr3torch name, as tuning does: <c>epochs</c>, <c>batch_size</c>, <c>accumulate_batches</c>,
    /// <c>neurons</c> (one size or a list), <c>n_layers</c>, <c>p</c>, <c>activation</c>, <c>optimizer</c>,
    /// <c>patience</c>, <c>min_delta</c>, <c>shuffle</c>, <c>standardize</c>; any other name is a key of the
    /// current optimizer (<c>lr</c>, <c>weight_decay</c>, <c>betas</c>, <c>momentum</c>, …) and goes into
    /// <see cref="OptimizerOptions"/>.
    /// </summary>
    /// <remarks>
    /// Values are converted to the setting's type (an integral double is accepted as an integer; an activation may be
    /// given by name). An optimizer value is checked at once by building the optimizer over a probe parameter, so an
    /// out-of-range value fails here and not at the end of a long search. Set <c>optimizer</c> before its keys when
    /// both change, since the keys are checked against the optimizer in force.
    /// </remarks>
    /// <exception cref="ArgumentException">An unknown name (the message lists the known ones) or a value of the wrong type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An optimizer hyperparameter outside its valid range.</exception>
    public void SetHyperparameter(string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (LearnerSetting.Find(name) is { } setting)
        {
            setting.Set(this, value);
            return;
        }
        IReadOnlyDictionary<string, object?> defaults = OptimizerDefaults();
        if (!defaults.ContainsKey(name))
        {
            throw new ArgumentException(
                $"{Id} has no hyperparameter '{name}' (known: {string.Join(", ", LearnerSetting.All.Select(s => s.Name).Concat(defaults.Keys))}).", nameof(name));
        }
        var options = new Dictionary<string, object?>(OptimizerOptions) { [name] = value };
        // A 1×1 stand-in, which optimizers of matrices only (Muon) accept too.
        OptimizerRegistry.Create(Optimizer, [new Parameter(Tensor.Zeros(1, 1))], options);
        OptimizerOptions[name] = value;
    }

    /// <summary>The value of a hyperparameter by name (see <see cref="SetHyperparameter"/>); an optimizer key not set falls back to the optimizer's default.</summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public object? GetHyperparameter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (LearnerSetting.Find(name) is { } setting)
        {
            return setting.Get(this);
        }
        if (OptimizerOptions.TryGetValue(name, out object? value))
        {
            return value;
        }
        IReadOnlyDictionary<string, object?> defaults = OptimizerDefaults();
        return defaults.TryGetValue(name, out value) ? value : throw new ArgumentException(
            $"{Id} has no hyperparameter '{name}' (known: {string.Join(", ", GetHyperparameterNames())}).", nameof(name));
    }

    /// <summary>The names <see cref="SetHyperparameter"/> accepts: the learner's settings, then the current optimizer's keys.</summary>
    public IReadOnlyList<string> GetHyperparameterNames() => [.. LearnerSetting.All.Select(s => s.Name), .. OptimizerDefaults().Keys];

    /// <summary>
    /// A short label of the learner's hyperparameters (the names <see cref="SetHyperparameter"/> takes) that differ
    /// from a new learner's, then the optimizer keys set explicitly, as <c>neurons=[16], epochs=3, lr=0.01</c>;
    /// <c>defaults</c> when there are none. Benchmark tables show it beside the learner's id. Settings that are not
    /// hyperparameters (seed, validation, measures, callbacks) are left out.
    /// </summary>
    public string DescribeSettings()
    {
        MlpLearner defaults = CreateDefault();
        var changed = new List<KeyValuePair<string, object?>>();
        foreach (LearnerSetting setting in LearnerSetting.All)
        {
            object? value = setting.Get(this);
            if (SettingFormat.Format(value) != SettingFormat.Format(setting.Get(defaults)))
            {
                changed.Add(new(setting.Name, value));
            }
        }
        changed.AddRange(OptimizerOptions);
        return changed.Count == 0 ? "defaults" : SettingFormat.Format(changed);
    }

    /// <summary>
    /// The current optimizer's hyperparameters at their defaults, read from an optimizer over a probe parameter (a 1 × 1
    /// matrix, which element-wise optimizers and matrix optimizers that refuse vectors both accept).
    /// </summary>
    private IReadOnlyDictionary<string, object?> OptimizerDefaults() =>
        OptimizerRegistry.Create(Optimizer, [new Parameter(Tensor.Zeros(1, 1))]).ParamGroups[0].ToDictionary();

    /// <summary>
    /// The optimizer of a run over <paramref name="parameters"/> (the network's, in layer order): the registry's
    /// <see cref="Optimizer"/> with <see cref="OptimizerOptions"/>, or for Muon with <see cref="MuonSplit"/> the split
    /// of <see cref="MuonAdamW.Split"/>.
    /// </summary>
    public Optimizer CreateOptimizer(IEnumerable<(string Name, Parameter Parameter)> parameters) =>
        MuonSplit && string.Equals(Optimizer, "muon", StringComparison.OrdinalIgnoreCase)
            ? MuonAdamW.Split(parameters.Select(static p => p.Parameter), OptimizerOptions)
            : OptimizerRegistry.Create(Optimizer, parameters, OptimizerOptions);
}
