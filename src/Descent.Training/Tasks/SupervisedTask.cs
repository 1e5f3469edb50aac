namespace Descent.Training;

/// <summary>
/// A supervised learning problem, as an mlr3 task: a table of numeric features (one row per observation) and a
/// target. Rows are immutable; <see cref="Subset"/> makes a task of some rows for resampling.
/// </summary>
public abstract class SupervisedTask
{
    private protected SupervisedTask(string id, IReadOnlyList<string> featureNames, string targetName, float[] features, int rows)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (features.Length != rows * featureNames.Count)
        {
            throw new ArgumentException($"Task '{id}': {features.Length} feature values do not fill {rows} rows of {featureNames.Count} features.");
        }
        if (featureNames.Distinct().Count() != featureNames.Count)
        {
            throw new ArgumentException($"Task '{id}': feature names must be unique.");
        }
        Id = id;
        FeatureNames = featureNames.ToArray();
        TargetName = targetName;
        FeatureData = features;
        NRow = rows;
    }

    /// <summary>The task's name, such as <c>spam</c>.</summary>
    public string Id { get; }

    /// <summary>The names of the feature columns, in order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The name of the target column.</summary>
    public string TargetName { get; }

    /// <summary>The number of observations.</summary>
    public int NRow { get; }

    /// <summary>The number of features.</summary>
    public int NFeatures => FeatureNames.Count;

    /// <summary>The features row by row (row-major, <see cref="NRow"/> × <see cref="NFeatures"/>).</summary>
    internal float[] FeatureData { get; }

    /// <summary>The features as a tensor of shape [rows, features].</summary>
    public Tensor Features() => Tensor.FromArray(FeatureData, NRow, NFeatures);

    /// <summary>A task holding the given rows, in the given order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row index outside the task.</exception>
    public abstract SupervisedTask Subset(IReadOnlyList<int> rows);

    /// <summary>The feature values of some rows, row-major.</summary>
    private protected float[] SubsetFeatures(IReadOnlyList<int> rows)
    {
        int p = NFeatures;
        var data = new float[rows.Count * p];
        for (int i = 0; i < rows.Count; i++)
        {
            int r = rows[i];
            if ((uint)r >= (uint)NRow)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), r, $"Row {r} is outside task '{Id}' with {NRow} rows.");
            }
            Array.Copy(FeatureData, r * p, data, i * p, p);
        }
        return data;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name} '{Id}': {NRow} rows, {NFeatures} features, target '{TargetName}'";
}
