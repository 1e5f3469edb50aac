namespace Descent.Training;

/// <summary>When an <see cref="LrScheduling"/> callback steps its scheduler.</summary>
public enum SchedulerInterval
{
    /// <summary>After every epoch (mlr3torch's <c>step_on_epoch = TRUE</c>, the default).</summary>
    Epoch,

    /// <summary>After every optimizer step, for schedules counted in batches (OneCycleLR, CyclicLR, warm-up).</summary>
    Batch,
}
