namespace Descent.Training;

/// <summary>
/// A performance measure, as an mlr3 measure (<c>msr("classif.logloss")</c>): an id, whether smaller is better,
/// the range of values, and how to score a prediction.
/// </summary>
/// <param name="id">The measure's id, such as <c>classif.logloss</c>.</param>
/// <param name="minimize">True when smaller values are better.</param>
/// <param name="lower">The smallest possible value.</param>
/// <param name="upper">The largest possible value.</param>
/// <param name="score">Scores a prediction.</param>
public sealed class Measure(string id, bool minimize, double lower, double upper, Func<Prediction, double> score)
{
    private readonly Func<Prediction, double> _score = score ?? throw new ArgumentNullException(nameof(score));

    /// <summary>The measure's id, such as <c>classif.logloss</c>.</summary>
    public string Id { get; } = id ?? throw new ArgumentNullException(nameof(id));

    /// <summary>True when smaller values are better (a loss or error).</summary>
    public bool Minimize { get; } = minimize;

    /// <summary>The smallest possible value.</summary>
    public double Lower { get; } = lower;

    /// <summary>The largest possible value.</summary>
    public double Upper { get; } = upper;

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
