using Descent.NN;
using Descent.Optim;

namespace Descent.Training;

/// <summary>What callbacks see and may change while a learner trains.</summary>
/// <remarks>A learner creates one per run; a test of a callback may create its own.</remarks>
public sealed class TrainingContext(MlpLearner learner, Module network, Optimizer optimizer, SupervisedTask trainTask,
    SupervisedTask? validationTask, Generator generator, ulong seed = 0, IReadOnlyList<Callback>? callbacks = null)
{
    /// <summary>The learner being trained.</summary>
    public MlpLearner Learner { get; } = learner;

    /// <summary>The network.</summary>
    public Module Network { get; } = network;

    /// <summary>The optimizer (its param groups' learning rates may be changed).</summary>
    public Optimizer Optimizer { get; } = optimizer;

    /// <summary>The rows trained on.</summary>
    public SupervisedTask TrainTask { get; } = trainTask;

    /// <summary>The rows validated on, if any.</summary>
    public SupervisedTask? ValidationTask { get; } = validationTask;

    /// <summary>The run's random generator (initialization, shuffling, dropout); its state is checkpointed.</summary>
    public Generator Generator { get; } = generator;

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; } = seed;

    /// <summary>Every callback of the run, in the order they run.</summary>
    public IReadOnlyList<Callback> Callbacks { get; } = callbacks ?? [];

    /// <summary>The epoch in progress or just finished, from 1.</summary>
    public int Epoch { get; internal set; }

    /// <summary>The number of epochs the run is set to.</summary>
    public int TotalEpochs => Learner.Epochs;

    /// <summary>The number of optimizer steps taken so far, over all epochs.</summary>
    public int Step { get; internal set; }

    /// <summary>The index of the batch in progress within its epoch, from 0.</summary>
    public int BatchIndex { get; internal set; }

    /// <summary>The number of batches per epoch.</summary>
    public int BatchesPerEpoch { get; internal set; }

    /// <summary>
    /// The batch in progress. Its tensors, like the network's output, the loss and the parameters' gradients of the
    /// step, live for this batch only: the next one reuses their memory, so copy (<see cref="Tensor.ToArray"/>) what
    /// a callback keeps.
    /// </summary>
    public Batch? Batch { get; internal set; }

    /// <summary>The loss of the last batch.</summary>
    public double LastLoss { get; internal set; } = double.NaN;

    /// <summary>The mean loss of the batches of the epoch in progress so far (of the whole epoch once it is finished).</summary>
    public double EpochLoss { get; internal set; } = double.NaN;

    /// <summary>The first epoch in which a batch loss was NaN or infinite, or null while every loss has been finite.</summary>
    public int? DivergedAtEpoch { get; internal set; }

    /// <summary>The settings this run was started with, by name (see <see cref="MlpLearner.RunSettings"/>); a checkpoint keeps them.</summary>
    internal IReadOnlyDictionary<string, string>? Settings { get; set; }

    /// <summary>The train scores of the last finished epoch, by measure id.</summary>
    public IReadOnlyDictionary<string, double> TrainScores { get; internal set; } = new Dictionary<string, double>();

    /// <summary>The validation scores of the last finished epoch, by measure id (empty without validation).</summary>
    public IReadOnlyDictionary<string, double> ValidationScores { get; internal set; } = new Dictionary<string, double>();

    /// <summary>Whether a callback asked training to stop after the current batch.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>Why training was asked to stop.</summary>
    public string? StopReason { get; private set; }

    /// <summary>
    /// Writes a <see cref="RunCheckpoint"/> of the run as it is now (call at the end of an epoch): network, optimizer,
    /// generator, counters and every callback's state.
    /// </summary>
    public void SaveCheckpoint(string path) =>
        RunCheckpoint.Save(path, Network, Optimizer, null, Generator, new RunProgress(Epoch, Step, Seed, CallbackStates()) { Settings = Settings });

    /// <summary>Each callback's state, keyed by its id (numbered from the second callback with the same id).</summary>
    internal Dictionary<string, IReadOnlyDictionary<string, object?>> CallbackStates()
    {
        var states = new Dictionary<string, IReadOnlyDictionary<string, object?>>();
        foreach ((string key, Callback callback) in KeyedCallbacks())
        {
            IReadOnlyDictionary<string, object?> state = callback.StateDict();
            if (state.Count > 0)
            {
                states[key] = state;
            }
        }
        return states;
    }

    internal IEnumerable<(string Key, Callback Callback)> KeyedCallbacks()
    {
        var seen = new Dictionary<string, int>();
        foreach (Callback c in Callbacks)
        {
            int n = seen[c.Id] = seen.GetValueOrDefault(c.Id) + 1;
            yield return (n == 1 ? c.Id : $"{c.Id}#{n}", c);
        }
    }

    /// <summary>Asks the learner to stop after the current batch; the first reason given is kept.</summary>
    public void RequestStop(string reason)
    {
        StopReason ??= reason;
        StopRequested = true;
    }
}
