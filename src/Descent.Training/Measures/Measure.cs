namespace Descent.Training;

/// <summary>
/// A performance measure, as an mlr3 measure (<c>msr("classif.logloss")</c>): an id, whether smaller is better,
/// the range of values, and how to score a prediction.
/// </summary>
public sealed class Measure
{
    private readonly Func<Prediction, double> _score;

    /// <summary>Creates a measure from its scoring function.</summary>
    public Measure(string id, bool minimize, double lower, double upper, Func<Prediction, double> score)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(score);
        Id = id;
        Minimize = minimize;
        Lower = lower;
        Upper = upper;
        _score = score;
    }

    /// <summary>The measure's id, such as <c>classif.logloss</c>.</summary>
    public string Id { get; }

    /// <summary>True when smaller values are better (a loss or error).</summary>
    public bool Minimize { get; }

    /// <summary>The smallest possible value.</summary>
    public double Lower { get; }

    /// <summary>The largest possible value.</summary>
    public double Upper { get; }

    /// <summary>Scores <paramref name="prediction"/>.</summary>
    /// <exception cref="ArgumentException">The prediction is of the wrong kind (regression for a classification measure, responses where probabilities are needed, a multiclass task for a binary measure).</exception>
    public double Score(Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return _score(prediction);
    }

    /// <summary>Whether <paramref name="a"/> is a better score than <paramref name="b"/> by more than <paramref name="minDelta"/>.</summary>
    public bool IsBetter(double a, double b, double minDelta = 0) => Minimize ? a < b - minDelta : a > b + minDelta;

    /// <inheritdoc/>
    public override string ToString() => Id;
}
