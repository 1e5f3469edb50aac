namespace Descent.Training;

/// <summary>The train and test rows of every iteration of a <see cref="Resampling"/> for one task, drawn from a seed.</summary>
public sealed class ResamplingInstance
{
    private readonly (IReadOnlyList<int> Train, IReadOnlyList<int> Test)[] _splits;

    internal ResamplingInstance(Resampling resampling, string taskId, int nRow, ulong seed, (int[] Train, int[] Test)[] splits)
    {
        Resampling = resampling;
        TaskId = taskId;
        NRow = nRow;
        Seed = seed;
        _splits = splits.Select(s => ((IReadOnlyList<int>)Array.AsReadOnly(s.Train), (IReadOnlyList<int>)Array.AsReadOnly(s.Test))).ToArray();
    }

    /// <summary>The strategy the splits follow.</summary>
    public Resampling Resampling { get; }

    /// <summary>The id of the task the splits were drawn for.</summary>
    public string TaskId { get; }

    /// <summary>The number of rows of that task.</summary>
    public int NRow { get; }

    /// <summary>The seed the splits were drawn from.</summary>
    public ulong Seed { get; }

    /// <summary>The number of iterations.</summary>
    public int Iterations => _splits.Length;

    /// <summary>The rows trained on in <paramref name="iteration"/> (from 0), ascending.</summary>
    public IReadOnlyList<int> TrainSet(int iteration) => Split(iteration).Train;

    /// <summary>The rows tested on in <paramref name="iteration"/> (from 0), ascending.</summary>
    public IReadOnlyList<int> TestSet(int iteration) => Split(iteration).Test;

    private (IReadOnlyList<int> Train, IReadOnlyList<int> Test) Split(int iteration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(iteration, _splits.Length);
        return _splits[iteration];
    }
}
