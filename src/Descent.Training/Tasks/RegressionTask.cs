namespace Descent.Training;

/// <summary>A regression task: a numeric target per row.</summary>
public sealed class RegressionTask : SupervisedTask
{
    /// <summary>Creates a task from row-major features and targets.</summary>
    public RegressionTask(string id, IReadOnlyList<string> featureNames, float[] features, string targetName, float[] targets)
        : base(id, featureNames, targetName, features, targets.Length)
    {
        foreach (float t in targets)
        {
            if (!float.IsFinite(t))
            {
                throw new ArgumentException($"Task '{id}': the target '{targetName}' has a non-finite value ({t}).");
            }
        }
        Targets = targets;
    }

    /// <summary>The target of every row.</summary>
    public IReadOnlyList<float> Targets { get; }

    /// <summary>The targets as a tensor of shape [rows, 1], the form a one-output network predicts.</summary>
    public Tensor Target() => Tensor.FromArray(Targets.ToArray(), NRow, 1);

    /// <inheritdoc/>
    public override RegressionTask Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        float[] features = SubsetFeatures(rows);
        return new RegressionTask(Id, FeatureNames, features, TargetName, rows.Select(r => Targets[r]).ToArray());
    }
}
