namespace Descent.Training;

/// <summary>Predicted values for the rows of a regression task.</summary>
public sealed class RegressionPrediction : Prediction
{
    /// <summary>Creates a prediction.</summary>
    public RegressionPrediction(float[] truth, float[] response)
    {
        if (truth.Length != response.Length)
        {
            throw new ArgumentException("Truth and response must describe the same rows.");
        }
        Truth = truth;
        Response = response;
    }

    /// <summary>The true value per row.</summary>
    public IReadOnlyList<float> Truth { get; }

    /// <summary>The predicted value per row.</summary>
    public IReadOnlyList<float> Response { get; }

    /// <inheritdoc/>
    public override int NRow => Response.Count;
}
