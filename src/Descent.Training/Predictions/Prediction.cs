namespace Descent.Training;

/// <summary>What a trained learner predicts for the rows of a task, with the true targets for scoring.</summary>
public abstract class Prediction
{
    /// <summary>The number of predicted rows.</summary>
    public abstract int NRow { get; }

    /// <summary>Scores the prediction with each measure, keyed by measure id.</summary>
    public IReadOnlyDictionary<string, double> Score(params Measure[] measures)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var result = new Dictionary<string, double>();
        foreach (Measure m in measures)
        {
            result[m.Id] = m.Score(this);
        }
        return result;
    }
}
