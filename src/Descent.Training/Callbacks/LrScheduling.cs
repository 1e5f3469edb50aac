using Descent.Optim;
using Descent.Optim.Schedulers;

namespace Descent.Training;

/// <summary>
/// Drives a learning-rate scheduler during training, as mlr3torch's <c>t_clbk("lr_scheduler")</c>: the scheduler is
/// built from <see cref="Factory"/> on the run's optimizer at the start of training (which performs its initial
/// step) and stepped after every epoch or, with <see cref="SchedulerInterval.Batch"/>, after every optimizer step.
/// </summary>
/// <remarks>
/// <para>
/// A scheduler that steps on a measured value (ReduceLROnPlateau, recognized by a public <c>Step(double)</c>) is
/// stepped at the end of each epoch with the measure <see cref="Monitor"/>: an id such as <c>classif.logloss</c> is
/// read from the validation scores when it is there and from the train scores otherwise; <c>valid.</c> or
/// <c>train.</c> before the id picks one. Without a monitor, the first validation measure is used, or the first
/// train measure when there is no validation. The scheduler's mode (min or max) must suit the measure.
/// </para>
/// <para>
/// <see cref="StateDict"/> holds the scheduler's state dict as plain values: a dictionary with the scheduler's class
/// under <c>scheduler_type</c> and its fields under PyTorch's keys (<c>last_epoch</c>, <c>base_lrs</c>,
/// <c>_last_lr</c>, …; number lists as arrays), and the states of nested schedulers as a dictionary of such
/// dictionaries keyed <c>"0"</c>, <c>"1"</c>, …, so that a <see cref="Checkpoint"/> file can hold it. A state loaded
/// before training is applied once the scheduler is built at the start of training; after loading, the groups'
/// learning rates are set to the scheduler's last rates, so a resumed run continues the schedule where it stopped.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// learner.Callbacks.Add(new LrScheduling(o => new StepLR(o, stepSize: 10, gamma: 0.5)));
/// learner.Callbacks.Add(new LrScheduling(o => new ExponentialLR(o, 0.999), SchedulerInterval.Batch));
/// </code>
/// </example>
public sealed class LrScheduling : Callback
{
    private const string ValidPrefix = "valid.";
    private const string TrainPrefix = "train.";

    private Action<double>? _metricStep;
    private IReadOnlyDictionary<string, object?>? _pendingState;
    private bool _inRun;

    /// <summary>Creates the callback.</summary>
    /// <param name="factory">Builds the scheduler on the run's optimizer; called once per training run.</param>
    /// <param name="interval">Whether the scheduler steps per epoch or per batch.</param>
    /// <param name="monitor">For a scheduler that steps on a measure, the measure's id (see the remarks); null picks one.</param>
    public LrScheduling(Func<Optimizer, LRScheduler> factory, SchedulerInterval interval = SchedulerInterval.Epoch, string? monitor = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!Enum.IsDefined(interval))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown scheduler interval.");
        }
        Factory = factory;
        Interval = interval;
        Monitor = monitor;
    }

    /// <inheritdoc/>
    public override string Id => "lr_scheduler";

    /// <summary>Builds the scheduler on the run's optimizer.</summary>
    public Func<Optimizer, LRScheduler> Factory { get; }

    /// <summary>Whether the scheduler steps per epoch or per batch.</summary>
    public SchedulerInterval Interval { get; }

    /// <summary>The measure fed to a scheduler that steps on a measure, or null for the default.</summary>
    public string? Monitor { get; }

    /// <summary>
    /// How the schedule was chosen, in words a user typed (the <c>descent</c> command puts its scheduler options
    /// here), for <see cref="Settings"/>; null names the scheduler's type.
    /// </summary>
    public string? Description { get; init; }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["scheduler"] = Description ?? Scheduler?.GetType().Name ?? "not built",
        ["schedule-per"] = Interval.ToString().ToLowerInvariant(),
    };

    /// <summary>The scheduler of the current or last run, or null before training.</summary>
    public LRScheduler? Scheduler { get; private set; }

    /// <inheritdoc/>
    public override LrScheduling Clone() => new(Factory, Interval, Monitor) { Description = Description };

    /// <inheritdoc/>
    public override void OnBegin(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _inRun = true;
        Scheduler = Factory(context.Optimizer) ?? throw new InvalidOperationException("The scheduler factory returned null.");
        if (!ReferenceEquals(Scheduler.Optimizer, context.Optimizer))
        {
            throw new InvalidOperationException("The scheduler factory must build the scheduler on the optimizer it is given.");
        }
        _metricStep = MetricStep.Find(Scheduler);
        if (_metricStep is not null)
        {
            if (Interval == SchedulerInterval.Batch)
            {
                throw new InvalidOperationException(
                    $"{Scheduler.GetType().Name} steps on a measure, which is scored once per epoch; use SchedulerInterval.Epoch.");
            }
            MonitoredScore(context.Learner.MeasuresValid.Select(m => m.Id), context.Learner.MeasuresTrain.Select(m => m.Id), context.ValidationTask is not null);
        }
        if (_pendingState is not null)
        {
            Apply(_pendingState);
            _pendingState = null;
        }
    }

    /// <inheritdoc/>
    public override void OnBatchEnd(TrainingContext context)
    {
        if (Interval == SchedulerInterval.Batch)
        {
            Scheduler!.Step();
        }
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Interval != SchedulerInterval.Epoch)
        {
            return;
        }
        if (_metricStep is null)
        {
            Scheduler!.Step();
            return;
        }
        (string key, bool validation) = MonitoredScore(context.ValidationScores.Keys, context.TrainScores.Keys, context.ValidationTask is not null);
        _metricStep(validation ? context.ValidationScores[key] : context.TrainScores[key]);
    }

    /// <inheritdoc/>
    public override void OnExit(TrainingContext context) => _inRun = false;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> StateDict() =>
        _pendingState ?? (Scheduler is not null ? SchedulerState.ToPlain(Scheduler.StateDict()) : new Dictionary<string, object?>());

    /// <summary>
    /// Restores a state from <see cref="StateDict"/>: at once during a run, otherwise when the next run has built its
    /// scheduler.
    /// </summary>
    public override void LoadStateDict(IReadOnlyDictionary<string, object?> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_inRun)
        {
            Apply(state);
        }
        else
        {
            _pendingState = state;
        }
    }

    private void Apply(IReadOnlyDictionary<string, object?> state)
    {
        LRScheduler scheduler = Scheduler!;
        scheduler.LoadStateDict(SchedulerState.FromPlain(state, scheduler.StateDict()));
        IReadOnlyList<double> lrs = scheduler.GetLastLr();
        for (int i = 0; i < lrs.Count; i++)
        {
            scheduler.Optimizer.ParamGroups[i].Lr = lrs[i];
        }
    }

    /// <summary>The monitored measure's id and whether it is read from the validation scores; throws when it is not scored.</summary>
    private (string Key, bool Validation) MonitoredScore(IEnumerable<string> validIds, IEnumerable<string> trainIds, bool hasValidation)
    {
        string[] valid = hasValidation ? validIds.ToArray() : [];
        string[] train = trainIds.ToArray();
        if (Monitor is null)
        {
            return valid.Length > 0 ? (valid[0], true)
                : train.Length > 0 ? (train[0], false)
                : throw new InvalidOperationException(
                    $"{Scheduler!.GetType().Name} steps on a measure, but the learner scores none; add a validation or train measure.");
        }
        if (Monitor.StartsWith(ValidPrefix, StringComparison.Ordinal) && valid.Contains(Monitor[ValidPrefix.Length..]))
        {
            return (Monitor[ValidPrefix.Length..], true);
        }
        if (Monitor.StartsWith(TrainPrefix, StringComparison.Ordinal) && train.Contains(Monitor[TrainPrefix.Length..]))
        {
            return (Monitor[TrainPrefix.Length..], false);
        }
        if (valid.Contains(Monitor))
        {
            return (Monitor, true);
        }
        if (train.Contains(Monitor))
        {
            return (Monitor, false);
        }
        throw new InvalidOperationException(
            $"The monitored measure '{Monitor}' is not scored (validation: [{string.Join(", ", valid)}], train: [{string.Join(", ", train)}]).");
    }
}
