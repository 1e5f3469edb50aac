namespace Descent.Training;

/// <summary>One iteration of a resampling: the rows, the learner trained on the train rows, its prediction of the test rows and their scores.</summary>
/// <param name="Iteration">The iteration, from 0.</param>
/// <param name="TrainSet">The rows trained on.</param>
/// <param name="TestSet">The rows predicted and scored.</param>
/// <param name="Learner">The clone trained in this iteration, holding its <see cref="MlpLearner.Model"/>.</param>
/// <param name="Prediction">The prediction of the test rows (with class probabilities for a classifier).</param>
/// <param name="Scores">The measures on the test rows, by measure id.</param>
/// <param name="Duration">The time to train and predict.</param>
public sealed record ResampleIteration(int Iteration, IReadOnlyList<int> TrainSet, IReadOnlyList<int> TestSet, MlpLearner Learner,
    Prediction Prediction, IReadOnlyDictionary<string, double> Scores, TimeSpan Duration);
