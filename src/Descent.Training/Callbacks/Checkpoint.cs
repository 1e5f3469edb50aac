namespace Descent.Training;

/// <summary>
/// Saves a <see cref="RunCheckpoint"/> of the run every <see cref="EveryEpochs"/> epochs and after the last one,
/// to one file that each save replaces atomically. <see cref="MlpLearner.Resume"/> continues a run from it
/// exactly: the resumed run ends bit-for-bit where the uninterrupted one would.
/// </summary>
/// <remarks>
/// Checkpoint callbacks run after every other callback at the end of an epoch, so the file holds their state after
/// that epoch. An epoch interrupted by a stop request is not saved, so the file always holds a whole epoch.
/// </remarks>
public sealed class Checkpoint : Callback
{
    /// <summary>Creates the callback.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="everyEpochs"/> is below 1.</exception>
    public Checkpoint(string path, int everyEpochs = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(everyEpochs, 1);
        Path = path;
        EveryEpochs = everyEpochs;
    }

    /// <inheritdoc/>
    public override string Id => "checkpoint";

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>Epochs between saves.</summary>
    public int EveryEpochs { get; }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context)
    {
        // An epoch cut short (a stop request in the middle) is not saved: a resumed run starts at an epoch boundary.
        if (context.BatchIndex < context.BatchesPerEpoch)
        {
            return;
        }
        if (context.Epoch % EveryEpochs == 0 || context.Epoch == context.TotalEpochs || context.StopRequested)
        {
            context.SaveCheckpoint(Path);
        }
    }
}
