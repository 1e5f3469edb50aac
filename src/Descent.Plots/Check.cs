namespace Descent.Plots;

/// <summary>Argument checks whose messages say which series, run and point is wrong.</summary>
internal static class Check
{
    /// <summary>Throws unless <paramref name="text"/> has a visible character.</summary>
    /// <returns><paramref name="text"/>, for use in an initializer.</returns>
    public static string NotBlank(string? text, string paramName)
    {
        ArgumentNullException.ThrowIfNull(text, paramName);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("The text must not be empty.", paramName);
        }
        return text;
    }

    /// <summary>
    /// Throws unless one series of a figure exists, has a label and has at least one point; <paramref name="empty"/>
    /// words the last failure from the label.
    /// </summary>
    public static void Series<T>(T? series, Func<T, string?> label, Func<T, int?> count, string kind, Func<string, string> empty, string paramName)
        where T : class
    {
        if (series is null)
        {
            throw new ArgumentException($"A {kind} is null.", paramName);
        }
        NotBlank(label(series), paramName);
        if (count(series) is not > 0)
        {
            throw new ArgumentException(empty(label(series)!), paramName);
        }
    }

    /// <summary>Throws unless the list exists and has at least one item.</summary>
    public static void NotEmpty<T>(IReadOnlyCollection<T>? items, string paramName, string what)
    {
        ArgumentNullException.ThrowIfNull(items, paramName);
        if (items.Count == 0)
        {
            throw new ArgumentException($"At least one {what} is needed; the list is empty.", paramName);
        }
    }

    /// <summary>Throws when two labels are equal, since the legend could not tell them apart.</summary>
    public static void DistinctLabels(IEnumerable<string> labels, string paramName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string label in labels)
        {
            if (!seen.Add(label))
            {
                throw new ArgumentException($"Two series are labelled '{label}'; labels must differ.", paramName);
            }
        }
    }

    /// <summary>Throws when two lists that pair up point by point differ in length.</summary>
    public static void SameLength(int expected, int actual, string paramName, string what)
    {
        if (expected != actual)
        {
            throw new ArgumentException($"{what}: {actual} values where {expected} are needed (one per point).", paramName);
        }
    }

    /// <summary>
    /// Throws when a value is NaN or infinite, or not positive where <paramref name="positive"/> asks for a log axis.
    /// </summary>
    /// <param name="values">The values to check.</param>
    /// <param name="positive">Whether the values go on a log axis.</param>
    /// <param name="paramName">The argument the values came from.</param>
    /// <param name="where">Names the values in the message, e.g. "series 'lr = 0.1', run 2".</param>
    /// <param name="pointName">Names one point, e.g. "epoch" or "step".</param>
    /// <param name="firstPoint">The number of the first point in <paramref name="pointName"/>'s counting.</param>
    public static void Plottable(
        IReadOnlyList<double> values, bool positive, string paramName, string where, string pointName, int firstPoint = 0)
    {
        for (int i = 0; i < values.Count; i++)
        {
            double v = values[i];
            if (!double.IsFinite(v))
            {
                throw new ArgumentException(
                    $"{where}: {pointName} {firstPoint + i} is {v}; only finite values can be plotted.", paramName);
            }
            if (positive && v <= 0)
            {
                throw new ArgumentException(
                    $"{where}: {pointName} {firstPoint + i} is {v}, which a log axis cannot show; values must be positive.",
                    paramName);
            }
        }
    }

    /// <summary>Throws when a batch size is below 1.</summary>
    public static void BatchSizes(IReadOnlyList<int> batchSizes, string paramName, string where)
    {
        for (int i = 0; i < batchSizes.Count; i++)
        {
            if (batchSizes[i] < 1)
            {
                throw new ArgumentException(
                    $"{where} {i} is {batchSizes[i]}; batch sizes must be at least 1 (they go on a log axis).", paramName);
            }
        }
    }
}
