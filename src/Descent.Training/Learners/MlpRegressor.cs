using Descent.NN;

namespace Descent.Training;

/// <summary>An MLP regressor (<c>regr.mlp</c>): one linear output trained with mean squared error.</summary>
public sealed class MlpRegressor : MlpLearner
{
    /// <inheritdoc/>
    public override string Id => "regr.mlp";

    /// <inheritdoc/>
    public override MlpRegressor Clone() => CopySettingsTo(new MlpRegressor());

    /// <inheritdoc/>
    public override Prediction Predict(SupervisedTask task) => MakePrediction(Checked(task), Forward(task), forScoring: true);

    private protected override MlpLearner CreateDefault() => new MlpRegressor();

    internal override int OutputSize(SupervisedTask task)
    {
        Checked(task);
        return 1;
    }

    internal override Tensor Targets(SupervisedTask task) => Checked(task).Target();

    internal override Tensor ComputeLoss(Tensor output, Tensor target) =>
        Loss is null ? Functional.MseLoss(output, target) : Loss.Forward(output, target);

    internal override Prediction MakePrediction(SupervisedTask task, float[] outputs, bool forScoring, IReadOnlyList<int>? rows = null)
    {
        var t = (RegressionTask)task;
        return new RegressionPrediction(rows is null ? [.. t.Targets] : rows.Select(r => t.Targets[r]).ToArray(), outputs);
    }

    private RegressionTask Checked(SupervisedTask task) => task as RegressionTask
        ?? throw new ArgumentException($"{Id} needs a regression task, but '{task?.Id}' is a {task?.GetType().Name}.", nameof(task));
}
