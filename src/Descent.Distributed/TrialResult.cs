namespace Descent.Distributed;

/// <summary>What a worker writes for a finished trial; the first one written is the trial's result.</summary>
/// <param name="Trial">The trial's id.</param>
/// <param name="Configuration">The index of its configuration.</param>
/// <param name="Rung">Its successive-halving rung (0 for random and grid search).</param>
/// <param name="Epochs">The epochs it trained.</param>
/// <param name="Score">The measure, averaged over the folds; NaN for a diverged run.</param>
/// <param name="FoldScores">The measure on each fold.</param>
/// <param name="Seconds">The time the trial took.</param>
/// <param name="Worker">The worker that ran it.</param>
public sealed record TrialResult(string Trial, int Configuration, int Rung, int Epochs, double Score, double[] FoldScores, double Seconds, string Worker);
