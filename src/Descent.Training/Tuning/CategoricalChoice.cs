namespace Descent.Training;

/// <summary>A hyperparameter that takes one of a list of values (an optimizer name, an activation, a layer layout).</summary>
public sealed class CategoricalChoice : SearchParameter
{
    private readonly object[] _values;

    /// <summary>Creates the choice.</summary>
    /// <exception cref="ArgumentException">No values, a null value, or a value given twice.</exception>
    public CategoricalChoice(string name, params object[] values)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException($"'{name}': a categorical choice needs at least one value.", nameof(values));
        }
        if (values.Any(v => v is null))
        {
            throw new ArgumentException($"'{name}': the values must not be null.", nameof(values));
        }
        if (values.Select(SettingFormat.Format).Distinct().Count() != values.Length)
        {
            throw new ArgumentException($"'{name}': a value is given twice in {SettingFormat.Format(values)}.", nameof(values));
        }
        _values = [.. values];
    }

    /// <summary>The values, in order.</summary>
    public IReadOnlyList<object> Values => _values;

    /// <inheritdoc/>
    public override object Sample(Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return _values[generator.NextInt64(0, _values.Length)];
    }

    /// <inheritdoc/>
    public override IReadOnlyList<object> Grid(int resolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 1);
        return _values;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} in {{{string.Join(", ", _values.Select(SettingFormat.Format))}}}";
}
