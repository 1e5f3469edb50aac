using Descent.NN;
using Descent.Optim;

namespace Descent.Training;

/// <summary>What training leaves behind: the network, the optimizer with its state, the history and the seed.</summary>
public sealed class TrainedModel(Module network, Optimizer optimizer, IReadOnlyList<EpochRecord> history, ulong seed,
    Standardization? standardization, int epochs, string? stopReason)
{

    /// <summary>The trained network (in evaluation mode).</summary>
    public Module Network { get; } = network;

    /// <summary>The optimizer, with its state after the last step.</summary>
    public Optimizer Optimizer { get; } = optimizer;

    /// <summary>The train and validation measures of every epoch.</summary>
    public IReadOnlyList<EpochRecord> History { get; } = history;

    /// <summary>The seed the run used (the learner's, or the one drawn when none was set).</summary>
    public ulong Seed { get; } = seed;

    /// <summary>The feature standardization, when the learner standardized.</summary>
    public Standardization? Standardization { get; } = standardization;

    /// <summary>The number of epochs run (fewer than asked when training stopped early).</summary>
    public int EpochsTrained { get; } = epochs;

    /// <summary>Why training stopped before the last epoch, or null.</summary>
    public string? StopReason { get; } = stopReason;

    /// <summary>
    /// The first epoch in which a batch loss was NaN or infinite (the run diverged; a lower learning rate usually
    /// helps), or null when every loss was finite.
    /// </summary>
    public int? DivergedAtEpoch { get; init; }

    /// <summary>The network with what prediction needs (features, classes, standardization, settings), to save or predict with.</summary>
    public SavedModel SavedModel { get; init; } = null!;

    /// <summary>Writes <see cref="SavedModel"/> to <paramref name="path"/> (atomically); <see cref="SavedModel.Load(string)"/> reads it back.</summary>
    public void Save(string path) => SavedModel.Save(path);
}
