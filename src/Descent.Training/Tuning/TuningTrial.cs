namespace Descent.Training;

/// <summary>One evaluated configuration in a tuning archive.</summary>
/// <param name="Index">The trial's position in the order of evaluation, from 0.</param>
/// <param name="Configuration">The hyperparameter values, by name.</param>
/// <param name="Score">The tuning measure, aggregated over the resampling iterations.</param>
/// <param name="Duration">The time the resampling took.</param>
/// <param name="Result">The resampling, with per-iteration scores and predictions.</param>
public sealed record TuningTrial(int Index, IReadOnlyDictionary<string, object> Configuration, double Score, TimeSpan Duration, ResampleResult Result)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"#{Index}: {SettingFormat.Format(Configuration.Select(kv => new KeyValuePair<string, object?>(kv.Key, kv.Value)))} -> {SettingFormat.Format(Score)} ({Duration.TotalSeconds:F2} s)";
}
