namespace Descent.Training;

/// <summary>
/// Code that runs at named stages of <see cref="MlpLearner.Train"/>, as an mlr3torch callback: override the
/// stages you need, read and change the <see cref="TrainingContext"/> (including a stop request). Callbacks run
/// in the order they were added, after the learner's own built-ins (history, early stopping). A callback that
/// keeps state across epochs saves and restores it through <see cref="StateDict"/> and
/// <see cref="LoadStateDict"/>, so that checkpointed runs resume exactly.
/// </summary>
/// <remarks>
/// Stages, in order: <c>begin</c>, then per epoch <c>epoch begin</c>, per batch <c>batch begin</c>,
/// <c>after backward</c> (gradients computed, before the optimizer step), <c>batch end</c>; then
/// <c>before validation</c> and <c>epoch end</c>; after the last epoch <c>end</c>; and <c>exit</c> always, also
/// when training fails or is stopped. Gradients are cleared when a batch begins, and a batch's tensors (its data,
/// the output, the loss, the gradients) live until the next one begins: the step's buffers are reused from batch
/// to batch (a <see cref="TensorArena"/>), so a callback copies what it keeps.
/// </remarks>
public abstract class Callback
{
    /// <summary>A short name for the callback, used as its key in checkpoints.</summary>
    public virtual string Id => GetType().Name;

    /// <summary>Before the first epoch.</summary>
    public virtual void OnBegin(TrainingContext context)
    {
    }

    /// <summary>At the start of every epoch.</summary>
    public virtual void OnEpochBegin(TrainingContext context)
    {
    }

    /// <summary>Before the forward pass of every batch.</summary>
    public virtual void OnBatchBegin(TrainingContext context)
    {
    }

    /// <summary>After the backward pass of every batch, before the optimizer step (gradients can be inspected or clipped).</summary>
    public virtual void OnAfterBackward(TrainingContext context)
    {
    }

    /// <summary>After the optimizer step of every batch.</summary>
    public virtual void OnBatchEnd(TrainingContext context)
    {
    }

    /// <summary>After the training batches of an epoch, before validation.</summary>
    public virtual void OnBeforeValidation(TrainingContext context)
    {
    }

    /// <summary>At the end of every epoch, with its train and validation scores in the context.</summary>
    public virtual void OnEpochEnd(TrainingContext context)
    {
    }

    /// <summary>After the last epoch (or a stop request).</summary>
    public virtual void OnEnd(TrainingContext context)
    {
    }

    /// <summary>When training is left for any reason, also after an exception.</summary>
    public virtual void OnExit(TrainingContext context)
    {
    }

    /// <summary>
    /// A new callback with the same settings and no state, for a cloned learner (<see cref="MlpLearner.Clone"/>), or
    /// null (the default) when the callback cannot copy itself. A callback that keeps state across runs must override
    /// this to take part in resampling and tuning; a stateless one (an empty <see cref="StateDict"/>) is shared.
    /// </summary>
    public virtual Callback? Clone() => null;

    /// <summary>
    /// Settings of this callback that fix a run and that a resumed run must repeat, by name (empty by default; see
    /// <see cref="MlpLearner.RunSettings"/>). Read after <see cref="OnBegin"/>.
    /// </summary>
    public virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>The callback's state, as numbers, strings and number lists (empty for stateless callbacks).</summary>
    public virtual IReadOnlyDictionary<string, object?> StateDict() => new Dictionary<string, object?>();

    /// <summary>Restores a state from <see cref="StateDict"/>.</summary>
    public virtual void LoadStateDict(IReadOnlyDictionary<string, object?> state)
    {
    }
}
