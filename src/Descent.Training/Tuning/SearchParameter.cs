namespace Descent.Training;

/// <summary>
/// One dimension of a <see cref="SearchSpace"/>: a hyperparameter name (as <see cref="MlpLearner.SetHyperparameter"/>
/// takes it) and the values it may take, as a paradox parameter (<c>p_dbl</c>, <c>p_int</c>, <c>p_fct</c>).
/// </summary>
public abstract class SearchParameter
{
    private protected SearchParameter(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The hyperparameter's name.</summary>
    public string Name { get; }

    /// <summary>A value drawn uniformly (on the parameter's scale) from <paramref name="generator"/>.</summary>
    public abstract object Sample(Generator generator);

    /// <summary>
    /// <paramref name="resolution"/> evenly spaced values from the lower to the upper bound on the parameter's scale
    /// (duplicates removed after rounding integers); all values for a categorical parameter.
    /// </summary>
    public abstract IReadOnlyList<object> Grid(int resolution);

    /// <summary><paramref name="resolution"/> points from <paramref name="lower"/> to <paramref name="upper"/>, both included (the lower bound alone for 1, as R's <c>seq(length.out = 1)</c>).</summary>
    private protected static double[] Spaced(double lower, double upper, int resolution) =>
        resolution == 1 ? [lower] : Enumerable.Range(0, resolution).Select(i => i == resolution - 1 ? upper : lower + (upper - lower) * i / (resolution - 1)).ToArray();
}
