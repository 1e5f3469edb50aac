namespace Descent.Training;

/// <summary>The built-in measures, by mlr3 id; <see cref="Get"/> looks one up as <c>msr()</c> does.</summary>
public static class Measures
{
    /// <summary>Mean negative log-likelihood of the true class, −mean log p(truth), with p clipped at 1e-15 (<c>classif.logloss</c>).</summary>
    public static Measure LogLoss { get; } = new("classif.logloss", true, 0, double.PositiveInfinity, p => Scores.LogLoss(Classification(p, needsProb: true)));

    /// <summary>Fraction of correctly classified rows (<c>classif.acc</c>).</summary>
    public static Measure Accuracy { get; } = new("classif.acc", false, 0, 1, p => Scores.Accuracy(Classification(p)));

    /// <summary>Fraction of misclassified rows (<c>classif.ce</c>).</summary>
    public static Measure ClassificationError { get; } = new("classif.ce", true, 0, 1, p => 1 - Scores.Accuracy(Classification(p)));

    /// <summary>Area under the ROC curve of the positive class's probability, ties counted half (<c>classif.auc</c>, binary).</summary>
    public static Measure Auc { get; } = new("classif.auc", false, 0, 1, p => Scores.Auc(Binary(p, needsProb: true)));

    /// <summary>Binary Brier score, mean (1[positive] − p(positive))² (<c>classif.bbrier</c>).</summary>
    public static Measure Brier { get; } = new("classif.bbrier", true, 0, 1, p => Scores.BinaryBrier(Binary(p, needsProb: true)));

    /// <summary>Multiclass Brier score, mean over rows of Σ_k (1[k = truth] − p_k)² (<c>classif.mbrier</c>).</summary>
    public static Measure MulticlassBrier { get; } = new("classif.mbrier", true, 0, 2, p => Scores.MulticlassBrier(Classification(p, needsProb: true)));

    /// <summary>TP / (TP + FP) for the positive class (<c>classif.precision</c>, binary).</summary>
    public static Measure Precision { get; } = new("classif.precision", false, 0, 1, p => Scores.Confusion(Binary(p)).Precision);

    /// <summary>TP / (TP + FN) for the positive class (<c>classif.recall</c>, binary).</summary>
    public static Measure Recall { get; } = new("classif.recall", false, 0, 1, p => Scores.Confusion(Binary(p)).Recall);

    /// <summary>Harmonic mean of precision and recall (<c>classif.fbeta</c> with β = 1, binary).</summary>
    public static Measure F1 { get; } = new("classif.fbeta", false, 0, 1, p => Scores.Confusion(Binary(p)).F1);

    /// <summary>Mean squared error (<c>regr.mse</c>).</summary>
    public static Measure Mse { get; } = new("regr.mse", true, 0, double.PositiveInfinity, p => Scores.Mse(Regression(p)));

    /// <summary>Root mean squared error (<c>regr.rmse</c>).</summary>
    public static Measure Rmse { get; } = new("regr.rmse", true, 0, double.PositiveInfinity, p => Math.Sqrt(Scores.Mse(Regression(p))));

    /// <summary>Mean absolute error (<c>regr.mae</c>).</summary>
    public static Measure Mae { get; } = new("regr.mae", true, 0, double.PositiveInfinity, p => Scores.Mae(Regression(p)));

    /// <summary>Coefficient of determination, 1 − SSE / SST (<c>regr.rsq</c>).</summary>
    public static Measure Rsq { get; } = new("regr.rsq", false, double.NegativeInfinity, 1, p => Scores.Rsq(Regression(p)));

    /// <summary>Every built-in measure.</summary>
    public static IReadOnlyList<Measure> All { get; } =
        [LogLoss, Accuracy, ClassificationError, Auc, Brier, MulticlassBrier, Precision, Recall, F1, Mse, Rmse, Mae, Rsq];

    /// <summary>The measure with id <paramref name="id"/> (also without its <c>classif.</c>/<c>regr.</c> prefix).</summary>
    /// <exception cref="ArgumentException">No measure has that id.</exception>
    public static Measure Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return All.FirstOrDefault(m => m.Id.Equals(id, StringComparison.OrdinalIgnoreCase)
                || m.Id.Split('.')[1].Equals(id, StringComparison.OrdinalIgnoreCase))
            ?? (id.Equals("f1", StringComparison.OrdinalIgnoreCase) ? F1 : null)
            ?? throw new ArgumentException($"Unknown measure '{id}' (known: {string.Join(", ", All.Select(m => m.Id))}).", nameof(id));
    }

    private static ClassificationPrediction Classification(Prediction p, bool needsProb = false)
    {
        if (p is not ClassificationPrediction c)
        {
            throw new ArgumentException("This measure scores classification predictions.", nameof(p));
        }
        if (needsProb && !c.HasProb)
        {
            throw new ArgumentException("This measure needs probabilities; predict with PredictType.Prob.", nameof(p));
        }
        return c;
    }

    private static ClassificationPrediction Binary(Prediction p, bool needsProb = false)
    {
        ClassificationPrediction c = Classification(p, needsProb);
        if (c.ClassNames.Count != 2 || c.PositiveClass is null)
        {
            throw new ArgumentException($"This measure is for binary tasks with a positive class; the task has {c.ClassNames.Count} classes.", nameof(p));
        }
        return c;
    }

    private static RegressionPrediction Regression(Prediction p) =>
        p as RegressionPrediction ?? throw new ArgumentException("This measure scores regression predictions.", nameof(p));
}
