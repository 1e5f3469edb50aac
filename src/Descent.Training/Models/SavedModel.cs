using Descent.NN;

namespace Descent.Training;

/// <summary>
/// A trained network with what prediction needs: the feature names in the order the network reads them, the task
/// type, the class names and positive class, the standardization, the learner's settings and the Descent version
/// that trained it. <c>descent train</c> writes one as <c>model.safetensors</c>; <see cref="Load(string)"/> reads it back,
/// and <see cref="Predict(float[], int)"/> predicts new rows.
/// </summary>
public sealed partial class SavedModel
{
    internal SavedModel(Sequential network, string learnerId, IReadOnlyList<string> featureNames, string targetName,
        IReadOnlyList<string> classNames, string? positiveClass, Standardization? standardization, Activation activation,
        IReadOnlyDictionary<string, string> settings, string descentVersion)
    {
        Network = network;
        LearnerId = learnerId;
        FeatureNames = [.. featureNames];
        TargetName = targetName;
        ClassNames = [.. classNames];
        PositiveClass = positiveClass;
        Standardization = standardization;
        Activation = activation;
        Settings = new Dictionary<string, string>(settings);
        DescentVersion = descentVersion;
    }

    /// <summary>The network, <c>[Linear, activation, Dropout] × k + Linear</c>, as the learner built it.</summary>
    public Sequential Network { get; }

    /// <summary>The learner's id: <c>classif.mlp</c> or <c>regr.mlp</c>.</summary>
    public string LearnerId { get; }

    /// <summary>Whether the model classifies (otherwise it regresses).</summary>
    public bool IsClassifier => ClassNames.Count > 0;

    /// <summary>The task type, as mlr3 names it: <c>classif</c> or <c>regr</c>.</summary>
    public string TaskType => IsClassifier ? "classif" : "regr";

    /// <summary>The feature columns the network reads, in its input order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The target column of the training data.</summary>
    public string TargetName { get; }

    /// <summary>The class labels in output order; empty for a regressor.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The positive class of a binary classifier, or null.</summary>
    public string? PositiveClass { get; }

    /// <summary>The standardization applied to features before the network, or null.</summary>
    public Standardization? Standardization { get; }

    /// <summary>The activation after each hidden layer.</summary>
    public Activation Activation { get; }

    /// <summary>The settings of the run that trained the model (<see cref="MlpLearner.RunSettings"/>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The version of Descent that trained the model.</summary>
    public string DescentVersion { get; }

    /// <summary>The number of network outputs per row: the classes, or 1.</summary>
    public int OutputWidth => IsClassifier ? ClassNames.Count : 1;

    /// <summary>The linear layers in order (the weights an exporter needs).</summary>
    public IReadOnlyList<Linear> Layers => Network.OfType<Linear>().ToArray();

    /// <summary>
    /// Predicts <paramref name="rows"/> rows of <paramref name="features"/> (row-major, columns in
    /// <see cref="FeatureNames"/> order): class probabilities and classes, or values.
    /// </summary>
    /// <exception cref="ArgumentException">The array does not hold that many rows of the model's features.</exception>
    public PredictedRows Predict(float[] features, int rows)
    {
        ArgumentNullException.ThrowIfNull(features);
        int p = FeatureNames.Count;
        if (rows < 0 || features.Length < (long)rows * p)
        {
            throw new ArgumentException($"{features.Length} values do not hold {rows} rows of {p} features.", nameof(features));
        }
        float[] outputs = Outputs(features.Length == rows * p ? features : features[..(rows * p)], rows);
        if (!IsClassifier)
        {
            return new PredictedRows(rows, outputs, null);
        }
        var prob = new float[outputs.Length];
        var classes = new int[rows];
        ClassProbabilities.Softmax(outputs, ClassNames.Count, prob, classes);
        return new PredictedRows(rows, prob, classes);
    }

    /// <summary>
    /// Predicts the rows of a task whose columns include the model's features (matched by name, in any order; others
    /// are ignored), with the task's targets as the truth, in the form every measure can score.
    /// </summary>
    /// <exception cref="ArgumentException">A feature is missing, the task is of the other type, or it has a class the model does not know.</exception>
    public Prediction Predict(SupervisedTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        int[] columns = FeatureNames.Select(name => task.FeatureNames.ToList().IndexOf(name) is var j and >= 0
            ? j
            : throw new ArgumentException($"Task '{task.Id}' has no feature '{name}', which the model needs.")).ToArray();
        int p = columns.Length;
        int q = task.NFeatures;
        var features = new float[task.NRow * p];
        for (int i = 0; i < task.NRow; i++)
        {
            for (int j = 0; j < p; j++)
            {
                features[i * p + j] = task.FeatureData[i * q + columns[j]];
            }
        }
        PredictedRows predicted = Predict(features, task.NRow);
        return task switch
        {
            ClassificationTask c when IsClassifier => new ClassificationPrediction(ClassNames, PositiveClass,
                c.Classes.Select(k => ClassIndex(c.ClassNames[k]) is var m and >= 0
                    ? m
                    : throw new ArgumentException($"Task '{task.Id}' has the class '{c.ClassNames[k]}', which the model does not know ({string.Join(", ", ClassNames)}).")).ToArray(),
                predicted.Classes!, predicted.Values),
            RegressionTask r when !IsClassifier => new RegressionPrediction([.. r.Targets], predicted.Values),
            _ => throw new ArgumentException($"The model is a {TaskType} model, but '{task.Id}' is a {task.GetType().Name}."),
        };
    }

    /// <summary>The index of a class label, or −1.</summary>
    public int ClassIndex(string label)
    {
        for (int c = 0; c < ClassNames.Count; c++)
        {
            if (ClassNames[c] == label)
            {
                return c;
            }
        }
        return -1;
    }

    /// <summary>The raw network outputs (logits or values) of some rows, in evaluation mode, without recording.</summary>
    internal float[] Outputs(float[] features, int rows)
    {
        Network.Eval();
        using (Autograd.NoGrad())
        {
            Tensor x = Tensor.FromArray(features, rows, FeatureNames.Count);
            return Network.Forward(Standardization?.Apply(x) ?? x).ToArray();
        }
    }
}
