namespace Descent.Training;

/// <summary>
/// Grid search (mlr3tuning's <c>tnr("grid_search")</c>): every combination of <see cref="Resolution"/> evenly spaced
/// values per numeric parameter (on its scale) and every value of each categorical one, the first parameter
/// varying slowest.
/// </summary>
public sealed class GridSearch : SearchStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resolution"/> is below 1.</exception>
    public GridSearch(int resolution)
    {
        if (resolution < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, $"Grid resolution must be at least 1, got {resolution}.");
        }
        Resolution = resolution;
    }

    /// <summary>The number of values per numeric parameter.</summary>
    public int Resolution { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyDictionary<string, object>> Configurations(SearchSpace space)
    {
        CheckSpace(space);
        IEnumerable<IEnumerable<KeyValuePair<string, object>>> combinations = [[]];
        foreach (SearchParameter parameter in space)
        {
            IReadOnlyList<object> values = parameter.Grid(Resolution);
            combinations = combinations.SelectMany(c => values.Select(v => c.Append(new KeyValuePair<string, object>(parameter.Name, v))));
        }
        return combinations.Select(c => (IReadOnlyDictionary<string, object>)new Dictionary<string, object>(c)).ToArray();
    }
}
