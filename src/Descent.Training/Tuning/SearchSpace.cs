using System.Collections;

namespace Descent.Training;

/// <summary>
/// The hyperparameters to tune and their ranges, as a paradox <c>ps()</c>:
/// <code>
/// var space = new SearchSpace
/// {
///     new NumericRange("lr", 1e-4, 1e-1, logScale: true),
///     new IntegerRange("epochs", 5, 50),
///     new CategoricalChoice("optimizer", "adam", "sgd"),
/// };
/// </code>
/// </summary>
public sealed class SearchSpace : IEnumerable<SearchParameter>
{
    private readonly List<SearchParameter> _parameters = [];

    /// <summary>The number of parameters.</summary>
    public int Count => _parameters.Count;

    /// <summary>Adds a parameter.</summary>
    /// <exception cref="ArgumentException">A parameter of the same name is already in the space.</exception>
    public void Add(SearchParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (_parameters.Any(p => p.Name == parameter.Name))
        {
            throw new ArgumentException($"The search space already has a parameter '{parameter.Name}'.", nameof(parameter));
        }
        _parameters.Add(parameter);
    }

    /// <inheritdoc/>
    public IEnumerator<SearchParameter> GetEnumerator() => _parameters.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => string.Join("; ", _parameters);
}
