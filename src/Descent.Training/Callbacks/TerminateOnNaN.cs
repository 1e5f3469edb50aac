namespace Descent.Training;

/// <summary>Stops training as soon as a batch loss is NaN or infinite.</summary>
public sealed class TerminateOnNaN : Callback
{
    /// <inheritdoc/>
    public override string Id => "terminate_on_nan";

    /// <inheritdoc/>
    public override void OnBatchEnd(TrainingContext context)
    {
        if (!double.IsFinite(context.LastLoss))
        {
            context.RequestStop($"the loss became {context.LastLoss} at epoch {context.Epoch}, batch {context.BatchIndex + 1}");
        }
    }
}
