namespace Descent.Training;

/// <summary>One row of a benchmark's aggregated table: a learner on a task with a resampling, and its mean scores.</summary>
/// <param name="LearnerId">The learner's id, such as <c>classif.mlp</c>.</param>
/// <param name="LearnerLabel">The learner's settings that differ from the defaults (<see cref="MlpLearner.DescribeSettings"/>).</param>
/// <param name="TaskId">The task's id.</param>
/// <param name="Resampling">The resampling, as <c>cv(folds=3)</c>.</param>
/// <param name="Scores">The mean score of every measure over the iterations, by measure id.</param>
public sealed record BenchmarkRow(string LearnerId, string LearnerLabel, string TaskId, string Resampling, IReadOnlyDictionary<string, double> Scores);
