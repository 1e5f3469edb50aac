namespace Descent.Training;

/// <summary>Per-feature centring and scaling fitted on training rows: x ↦ (x − mean) / sd (sd of 0 taken as 1).</summary>
public sealed class Standardization
{
    private Standardization(float[] mean, float[] sd)
    {
        Mean = mean;
        Sd = sd;
    }

    /// <summary>The mean of each feature on the training rows.</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>The standard deviation (n − 1) of each feature on the training rows.</summary>
    public IReadOnlyList<float> Sd { get; }

    /// <summary>Fits the standardization on <paramref name="task"/>'s rows.</summary>
    public static Standardization Fit(SupervisedTask task)
    {
        int n = task.NRow;
        int p = task.NFeatures;
        var mean = new double[p];
        var m2 = new double[p];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                mean[j] += task.FeatureData[i * p + j];
            }
        }
        for (int j = 0; j < p; j++)
        {
            mean[j] /= Math.Max(n, 1);
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                double d = task.FeatureData[i * p + j] - mean[j];
                m2[j] += d * d;
            }
        }
        float[] sd = m2.Select(s => n > 1 && s > 0 ? (float)Math.Sqrt(s / (n - 1)) : 1f).ToArray();
        return new Standardization(mean.Select(m => (float)m).ToArray(), sd);
    }

    /// <summary>A standardization with the given means and deviations, as a saved model records them.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a deviation is not positive and finite.</exception>
    public static Standardization FromValues(IReadOnlyList<float> mean, IReadOnlyList<float> sd)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(sd);
        if (mean.Count != sd.Count)
        {
            throw new ArgumentException($"Standardization: {mean.Count} means but {sd.Count} deviations.");
        }
        if (mean.Any(m => !float.IsFinite(m)) || sd.Any(s => !(s > 0) || !float.IsFinite(s)))
        {
            throw new ArgumentException("Standardization: means must be finite and deviations positive and finite.");
        }
        return new Standardization([.. mean], [.. sd]);
    }

    /// <summary>The standardized features of <paramref name="task"/>, shape [rows, features].</summary>
    public Tensor Apply(SupervisedTask task) => Apply(task.Features());

    /// <summary>The standardized rows of <paramref name="features"/>, shape [rows, features].</summary>
    public Tensor Apply(Tensor features) =>
        (features - Tensor.FromArray([.. Mean])) / Tensor.FromArray([.. Sd]);
}
