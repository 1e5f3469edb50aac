using Descent.NN;

namespace Descent.Training;

/// <summary>An MLP classifier (<c>classif.mlp</c>): softmax outputs trained with cross-entropy.</summary>
/// <example>
/// <code>
/// var learner = new MlpClassifier
/// {
///     Neurons = [100], BatchSize = 32, Epochs = 40, OptimizerOptions = { ["lr"] = 0.01 },
///     Callbacks = { new History() }, MeasuresTrain = { Measures.LogLoss }, PredictType = PredictType.Prob,
/// };
/// learner.Train(Tasks.Spam());
/// </code>
/// </example>
public sealed class MlpClassifier : MlpLearner
{
    /// <inheritdoc/>
    public override string Id => "classif.mlp";

    /// <summary>Whether <see cref="Predict"/> returns probabilities as well as classes.</summary>
    public PredictType PredictType { get; set; } = PredictType.Response;

    /// <inheritdoc/>
    public override MlpClassifier Clone() => CopySettingsTo(new MlpClassifier { PredictType = PredictType });

    /// <inheritdoc/>
    public override Prediction Predict(SupervisedTask task) =>
        MakePrediction(Checked(task), Forward(task), forScoring: PredictType == PredictType.Prob);

    private protected override MlpLearner CreateDefault() => new MlpClassifier();

    internal override int OutputSize(SupervisedTask task) => Checked(task).ClassNames.Count;

    internal override Tensor Targets(SupervisedTask task) => Checked(task).Target();

    internal override Tensor ComputeLoss(Tensor output, Tensor target) =>
        Loss is null ? Functional.CrossEntropy(output, target) : Loss.Forward(output, target);

    internal override Prediction MakePrediction(SupervisedTask task, float[] outputs, bool forScoring, IReadOnlyList<int>? rows = null)
    {
        var t = (ClassificationTask)task;
        int k = t.ClassNames.Count;
        int n = outputs.Length / k;
        var prob = new float[outputs.Length];
        var response = new int[n];
        ClassProbabilities.Softmax(outputs, k, prob, response);
        int[] truth = new int[n];
        for (int i = 0; i < n; i++)
        {
            truth[i] = t.Classes[rows is null ? i : rows[i]];
        }
        return new ClassificationPrediction(t.ClassNames, t.PositiveClass, truth, response, forScoring ? prob : null);
    }

    private ClassificationTask Checked(SupervisedTask task) => task as ClassificationTask
        ?? throw new ArgumentException($"{Id} needs a classification task, but '{task?.Id}' is a {task?.GetType().Name}.", nameof(task));
}
