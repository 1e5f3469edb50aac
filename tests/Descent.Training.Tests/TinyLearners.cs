namespace Descent.Training.Tests;

/// <summary>Small, fast learners for the resampling, tuning and scheduling tests.</summary>
internal static class TinyLearners
{
    public static MlpClassifier Classifier(double lr = 0.05, int epochs = 10) => new()
    {
        Neurons = [8],
        BatchSize = 16,
        Epochs = epochs,
        P = 0,
        Standardize = true,
        OptimizerOptions = { ["lr"] = lr },
    };
}
