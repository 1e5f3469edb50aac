namespace Descent.Training;

/// <summary>One setting that a resumed run would change: its name, its value in the checkpoint and its value now.</summary>
/// <param name="Name">The setting, as <see cref="MlpLearner.RunSettings"/> names it (<c>lr</c>, <c>batch-size</c>, …).</param>
/// <param name="Checkpoint">Its value in the checkpoint's run.</param>
/// <param name="Now">Its value in the learner that resumes.</param>
public sealed record SettingDifference(string Name, string Checkpoint, string Now);

/// <summary>
/// <see cref="MlpLearner.Resume"/> was asked to continue a run with settings other than the checkpoint's; the run
/// would not be a continuation, so nothing was trained. Only <see cref="MlpLearner.Epochs"/> may change.
/// </summary>
public sealed class RunSettingsMismatchException : ArgumentException
{
    /// <summary>Creates the exception for the settings that differ.</summary>
    public RunSettingsMismatchException(string checkpointPath, IReadOnlyList<SettingDifference> differences)
        : base($"The checkpoint '{checkpointPath}' was made with other settings: "
            + string.Join("; ", differences.Select(d => $"{d.Name} {d.Checkpoint} in the checkpoint, {d.Now} now"))
            + ". Only the number of epochs may change when resuming.")
    {
        CheckpointPath = checkpointPath;
        Differences = differences;
    }

    /// <summary>The checkpoint.</summary>
    public string CheckpointPath { get; }

    /// <summary>Every setting that differs, in the order of <see cref="MlpLearner.RunSettings"/>.</summary>
    public IReadOnlyList<SettingDifference> Differences { get; }
}
