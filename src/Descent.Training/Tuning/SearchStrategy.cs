namespace Descent.Training;

/// <summary>How a <see cref="Tuner"/> chooses the configurations to evaluate (mlr3tuning's <c>tnr()</c>).</summary>
public abstract class SearchStrategy
{
    /// <summary>The configurations to evaluate in order, each a value for every parameter of <paramref name="space"/> by name.</summary>
    /// <exception cref="ArgumentException">The space is empty.</exception>
    public abstract IReadOnlyList<IReadOnlyDictionary<string, object>> Configurations(SearchSpace space);

    /// <summary>Throws when <paramref name="space"/> has no parameters.</summary>
    private protected static void CheckSpace(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (space.Count == 0)
        {
            throw new ArgumentException("The search space is empty; add at least one parameter to tune.", nameof(space));
        }
    }
}
