namespace Descent.Training;

/// <summary>Whether a classifier predicts only classes, or class probabilities too.</summary>
public enum PredictType
{
    /// <summary>The predicted class only.</summary>
    Response,

    /// <summary>Class probabilities as well as the most probable class.</summary>
    Prob,
}

/// <summary>Predicted classes (and probabilities) for the rows of a classification task.</summary>
public sealed class ClassificationPrediction : Prediction
{
    private readonly float[]? _prob;

    /// <summary>Creates a prediction; <paramref name="prob"/> is row-major rows × classes, or null for responses only.</summary>
    public ClassificationPrediction(IReadOnlyList<string> classNames, string? positiveClass, int[] truth, int[] response, float[]? prob)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (truth.Length != response.Length || (prob is not null && prob.Length != response.Length * classNames.Count))
        {
            throw new ArgumentException("Truth, response and probabilities must describe the same rows.");
        }
        ClassNames = classNames;
        PositiveClass = positiveClass;
        Truth = truth;
        Response = response;
        _prob = prob;
    }

    /// <summary>The class labels, in index order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The positive class of a binary task.</summary>
    public string? PositiveClass { get; }

    /// <summary>The index of the positive class, or −1.</summary>
    public int PositiveIndex => PositiveClass is null ? -1 : ClassNames.ToList().IndexOf(PositiveClass);

    /// <summary>The true class index per row.</summary>
    public IReadOnlyList<int> Truth { get; }

    /// <summary>The predicted class index per row.</summary>
    public IReadOnlyList<int> Response { get; }

    /// <summary>Whether probabilities were predicted.</summary>
    public bool HasProb => _prob is not null;

    /// <inheritdoc/>
    public override int NRow => Response.Count;

    /// <summary>The predicted probability of class <paramref name="cls"/> for <paramref name="row"/>.</summary>
    /// <exception cref="InvalidOperationException">The learner predicted responses only.</exception>
    public float Prob(int row, int cls) => _prob is null
        ? throw new InvalidOperationException("This prediction holds classes only; set PredictType = Prob to get probabilities.")
        : _prob[row * ClassNames.Count + cls];

    /// <summary>The predicted labels per row.</summary>
    public IEnumerable<string> ResponseLabels => Response.Select(c => ClassNames[c]);
}
