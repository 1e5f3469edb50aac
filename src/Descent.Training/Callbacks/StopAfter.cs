namespace Descent.Training;

/// <summary>
/// Ends this run after a number of epochs, whatever <see cref="MlpLearner.Epochs"/> says, for jobs that must
/// stop early (a time slot, a preemptible machine). Schedules still span all epochs, and a
/// <see cref="Checkpoint"/> saves at the stop, so <see cref="MlpLearner.Resume"/> continues the same run.
/// </summary>
public sealed class StopAfter : Callback
{
    /// <summary>Creates the callback.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is below 1.</exception>
    public StopAfter(int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        Epochs = epochs;
    }

    /// <inheritdoc/>
    public override string Id => "stop_after";

    /// <summary>The epoch after which the run stops.</summary>
    public int Epochs { get; }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context)
    {
        if (context.Epoch >= Epochs && context.Epoch < context.TotalEpochs)
        {
            context.RequestStop($"stopped after epoch {context.Epoch} as asked (--stop-after); resume to continue to epoch {context.TotalEpochs}");
        }
    }
}
