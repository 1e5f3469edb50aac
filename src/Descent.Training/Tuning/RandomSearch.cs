namespace Descent.Training;

/// <summary>
/// Random search (mlr3tuning's <c>tnr("random_search")</c>): <see cref="NEvals"/> configurations, each parameter
/// drawn independently and uniformly on its scale from a seeded generator.
/// </summary>
public sealed class RandomSearch : SearchStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nEvals"/> is below 1.</exception>
    public RandomSearch(int nEvals, ulong seed = 0)
    {
        if (nEvals < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nEvals), nEvals, $"Random search needs at least 1 evaluation, got {nEvals}.");
        }
        NEvals = nEvals;
        Seed = seed;
    }

    /// <summary>The number of configurations.</summary>
    public int NEvals { get; }

    /// <summary>The seed of the draws.</summary>
    public ulong Seed { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyDictionary<string, object>> Configurations(SearchSpace space)
    {
        CheckSpace(space);
        var generator = new Generator(Seed);
        return Enumerable.Range(0, NEvals)
            .Select(_ => (IReadOnlyDictionary<string, object>)space.ToDictionary(p => p.Name, p => p.Sample(generator)))
            .ToArray();
    }
}
