namespace Descent.Distributed;

/// <summary>
/// Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter Tuning", 2020):
/// every configuration first trains <see cref="MinEpochs"/> epochs; whenever a worker is free, a configuration in the
/// best 1/<see cref="Reduction"/> of a rung that has not been promoted yet continues, from its checkpoint, to the next
/// rung's epochs (<see cref="MinEpochs"/> × <see cref="Reduction"/>^k, at most <see cref="MaxEpochs"/>); otherwise a
/// new configuration starts.
/// </summary>
public sealed record AshaSettings
{
    /// <summary>Creates the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Epochs below 1, a maximum below the minimum, or a reduction below 2.</exception>
    public AshaSettings(int minEpochs, int maxEpochs, int reduction)
    {
        if (minEpochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minEpochs), minEpochs, $"--min-epochs must be at least 1, got {minEpochs}.");
        }
        if (maxEpochs < minEpochs)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEpochs), maxEpochs, $"--max-epochs must be at least --min-epochs ({minEpochs}), got {maxEpochs}.");
        }
        if (reduction < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"--reduction must be at least 2, got {reduction}.");
        }
        MinEpochs = minEpochs;
        MaxEpochs = maxEpochs;
        Reduction = reduction;
    }

    /// <summary>The epochs of the first rung.</summary>
    public int MinEpochs { get; }

    /// <summary>The epochs of the last rung.</summary>
    public int MaxEpochs { get; }

    /// <summary>The factor between rungs' epochs, and the inverse of the fraction promoted.</summary>
    public int Reduction { get; }

    /// <summary>The epochs of each rung, from the first: 5, 15, 40 for 5, 40 and 3.</summary>
    public IReadOnlyList<int> RungEpochs
    {
        get
        {
            var rungs = new List<int>();
            for (long epochs = MinEpochs; ; epochs *= Reduction)
            {
                if (epochs >= MaxEpochs)
                {
                    rungs.Add(MaxEpochs);
                    return rungs;
                }
                rungs.Add((int)epochs);
            }
        }
    }
}
