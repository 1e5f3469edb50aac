namespace Descent.Distributed;

/// <summary>A trial's scores as its runner reports them.</summary>
/// <param name="Score">The measure averaged over the folds.</param>
/// <param name="FoldScores">The measure on each fold.</param>
/// <param name="Epochs">The epochs the model trained in all.</param>
internal sealed record TrialOutcome(double Score, double[] FoldScores, int Epochs);
