namespace Descent.Training;

/// <summary>
/// A classification task: the target is one of <see cref="ClassNames"/> per row, stored as its index. A binary task
/// has a <see cref="PositiveClass"/>, which measures such as AUC, precision and recall refer to.
/// </summary>
public sealed class ClassificationTask : SupervisedTask
{
    /// <summary>Creates a task from row-major features and class indices.</summary>
    /// <exception cref="ArgumentException">Fewer than two classes, an index outside them, or an unknown positive class.</exception>
    public ClassificationTask(string id, IReadOnlyList<string> featureNames, float[] features, string targetName,
        int[] classIndices, IReadOnlyList<string> classNames, string? positiveClass = null)
        : base(id, featureNames, targetName, features, classIndices.Length)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count < 2)
        {
            throw new ArgumentException(
                $"Task '{id}': the target '{targetName}' has {classNames.Count} class{(classNames.Count == 1 ? $" ('{classNames[0]}')" : "es")}; classification needs at least two.");
        }
        foreach (int c in classIndices)
        {
            if ((uint)c >= (uint)classNames.Count)
            {
                throw new ArgumentException($"Task '{id}': class index {c} is outside the {classNames.Count} classes.");
            }
        }
        ClassNames = classNames.ToArray();
        Classes = classIndices;
        if (positiveClass is not null)
        {
            if (classNames.Count != 2)
            {
                throw new ArgumentException($"Task '{id}': a positive class is only defined for binary tasks, and this one has {classNames.Count} classes.");
            }
            if (!ClassNames.Contains(positiveClass))
            {
                throw new ArgumentException($"Task '{id}': positive class '{positiveClass}' is not one of {string.Join(", ", ClassNames)}.");
            }
        }
        PositiveClass = classNames.Count == 2 ? positiveClass ?? ClassNames[0] : null;
    }

    /// <summary>The class labels, in index order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The class index of every row.</summary>
    public IReadOnlyList<int> Classes { get; }

    /// <summary>The positive class of a binary task (the first class unless given); null for more than two classes.</summary>
    public string? PositiveClass { get; }

    /// <summary>The index of <see cref="PositiveClass"/>, or −1.</summary>
    public int PositiveIndex => PositiveClass is null ? -1 : Array.IndexOf((string[])ClassNames, PositiveClass);

    /// <summary>Whether the task has exactly two classes.</summary>
    public bool IsBinary => ClassNames.Count == 2;

    /// <summary>The class indices as a float tensor of shape [rows], the form cross-entropy takes.</summary>
    public Tensor Target() => Tensor.FromArray(Classes.Select(c => (float)c).ToArray(), NRow);

    /// <inheritdoc/>
    public override ClassificationTask Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        float[] features = SubsetFeatures(rows);
        int[] classes = rows.Select(r => Classes[r]).ToArray();
        return new ClassificationTask(Id, FeatureNames, features, TargetName, classes, ClassNames, PositiveClass);
    }
}
