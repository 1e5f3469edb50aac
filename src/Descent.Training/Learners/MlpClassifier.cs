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
        // Every epoch's train measures come through here for every row: the shifted logits of all rows go through
        // one vectorized exponential, and the largest of each row, whose exponential is exp(0), is 1 exactly.
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> logits = outputs.AsSpan(i * k, k);
            Span<float> shifted = prob.AsSpan(i * k, k);
            float max = logits[0];
            for (int c = 1; c < k; c++)
            {
                max = logits[c] > max || float.IsNaN(logits[c]) ? logits[c] : max;
            }
            for (int c = 0; c < k; c++)
            {
                shifted[c] = logits[c] - max;
            }
        }
        float[] exponentials = new float[prob.Length];
        System.Numerics.Tensors.TensorPrimitives.Exp(prob, exponentials);
        for (int i = 0; i < n; i++)
        {
            Span<float> p = prob.AsSpan(i * k, k);
            ReadOnlySpan<float> e = exponentials.AsSpan(i * k, k);
            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                p[c] = p[c] == 0 ? 1f : e[c];
                sum += p[c];
            }
            int best = 0;
            for (int c = 0; c < k; c++)
            {
                p[c] = (float)(p[c] / sum);
                best = p[c] > p[best] ? c : best;
            }
            response[i] = best;
        }
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
