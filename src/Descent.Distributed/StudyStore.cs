using System.Globalization;
using StackExchange.Redis;

namespace Descent.Distributed;

/// <summary>
/// One study on Redis, under the keys <c>descent:study:NAME:*</c>: its definition, one configuration per trial, the
/// queue, the running trials with their leases and owners, the results and failures, and, for successive halving,
/// the rungs and the checkpoints. Every call retries while Redis is out of reach (see <see cref="RedisRetry"/>).
/// </summary>
public sealed class StudyStore
{
    private readonly IDatabase _db;
    private readonly RedisRetry _retry;
    private readonly string _prefix;

    /// <summary>Opens the study called <paramref name="name"/> (it need not exist yet).</summary>
    /// <exception cref="ArgumentException">A name that is empty or holds characters other than letters, digits, '-', '_' and '.'.</exception>
    public StudyStore(IDatabase db, string name, RedisRetry retry)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(retry);
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"--study: '{name}' is not a study name; use letters, digits, '-', '_' and '.'.");
        }
        _db = db;
        _retry = retry;
        Name = name;
        _prefix = $"descent:study:{name}:";
    }

    /// <summary>The study's name.</summary>
    public string Name { get; }

    /// <summary>The retry policy of every call.</summary>
    public RedisRetry Retry => _retry;

    /// <summary>
    /// Creates the study with its configurations and queues one trial per configuration, unless it exists already.
    /// Returns true if this call created it.
    /// </summary>
    /// <exception cref="ArgumentException">A study of this name exists with another definition.</exception>
    public async Task<bool> CreateAsync(StudyDefinition definition, IReadOnlyList<IReadOnlyDictionary<string, object>> configurations)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(configurations);
        string json = StudyJson.Write(definition);
        var args = new List<RedisValue> { _prefix, json };
        for (int i = 0; i < configurations.Count; i++)
        {
            args.Add(new TrialId(i, 0).ToString());
            args.Add(StudyJson.Write(ValueCodec.EncodeAll(configurations[i])));
        }
        RedisResult existing = await _retry.RunAsync(() => _db.ScriptEvaluateAsync(StudyScripts.Create, values: [.. args])).ConfigureAwait(false);
        if (existing.IsNull)
        {
            return true;
        }
        if ((string?)existing != json)
        {
            throw new ArgumentException($"--study: a study called '{Name}' already exists with other settings; choose another name.");
        }
        return false;
    }

    /// <summary>The study's definition, or null if there is no such study.</summary>
    public async Task<StudyDefinition?> DefinitionAsync()
    {
        RedisValue json = await _retry.RunAsync(() => _db.StringGetAsync(_prefix + "definition")).ConfigureAwait(false);
        return json.IsNull ? null : StudyJson.Read<StudyDefinition>(json.ToString(), "definition");
    }

    /// <summary>The configuration of every trial by index.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<string, object>>> ConfigurationsAsync()
    {
        HashEntry[] entries = await _retry.RunAsync(() => _db.HashGetAllAsync(_prefix + "configs")).ConfigureAwait(false);
        return entries.ToDictionary(e => TrialId.Parse(e.Name.ToString()).Configuration,
            e => (IReadOnlyDictionary<string, object>)ValueCodec.DecodeAll(StudyJson.Read<Dictionary<string, string>>(e.Value.ToString(), "configuration")));
    }

    /// <summary>Claims the next trial for <paramref name="worker"/>, or returns null when none is waiting.</summary>
    internal async Task<TrialId?> ClaimAsync(StudyDefinition definition, string worker)
    {
        RedisResult id = await _retry.RunAsync(() => _db.ScriptEvaluateAsync(StudyScripts.Claim, values:
            [_prefix, worker, LeaseMilliseconds(definition), definition.Asha?.RungEpochs.Count ?? 1, definition.Asha?.Reduction ?? 2])).ConfigureAwait(false);
        return id.IsNull || id.Resp2Type == ResultType.Integer ? null : TrialId.Parse((string)id!);
    }

    /// <summary>Extends the lease of <paramref name="trial"/>; false if <paramref name="worker"/> no longer holds it.</summary>
    internal async Task<bool> HeartbeatAsync(StudyDefinition definition, TrialId trial, string worker)
    {
        RedisResult held = await _retry.RunAsync(() => _db.ScriptEvaluateAsync(StudyScripts.Heartbeat, values:
            [_prefix, trial.ToString(), worker, LeaseMilliseconds(definition)])).ConfigureAwait(false);
        return (int)held == 1;
    }

    /// <summary>Writes a finished trial's result unless it has one; true if this call wrote it.</summary>
    internal async Task<bool> CompleteAsync(StudyDefinition definition, TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string rung = definition.Asha is null ? "" : result.Rung.ToString(CultureInfo.InvariantCulture);
        bool minimize = Training.Measures.Get(definition.Measure).Minimize;
        // Rungs sort ascending, so a maximized measure enters negated, and a diverged run (NaN) comes last.
        double key = double.IsNaN(result.Score) ? double.PositiveInfinity : minimize ? result.Score : -result.Score;
        return await FinishAsync(result.Trial, StudyJson.Write(result), "results", TrialId.ConfigurationKey(result.Configuration), rung,
            double.IsInfinity(key) ? "inf" : key.ToString("R", CultureInfo.InvariantCulture)).ConfigureAwait(false);
    }

    /// <summary>Records that a trial failed with <paramref name="message"/>; it is not tried again.</summary>
    internal Task<bool> FailAsync(TrialId trial, string message) => FinishAsync(trial.ToString(), message, "failed", "", "", "");

    /// <summary>Counts of queued, running, done and failed trials.</summary>
    public async Task<StudyCounts> CountsAsync()
    {
        return await _retry.RunAsync(async () =>
        {
            Task<long> queued = _db.ListLengthAsync(_prefix + "queue");
            Task<long> running = _db.SortedSetLengthAsync(_prefix + "running");
            Task<long> done = _db.HashLengthAsync(_prefix + "results");
            Task<long> failed = _db.HashLengthAsync(_prefix + "failed");
            Task<RedisValue[]> runs = _db.HashValuesAsync(_prefix + "runs");
            return new StudyCounts(await queued, await running, await done, await failed, (await runs).Sum(v => (long)v));
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the study has ended: nothing queued, nothing running and, for successive halving, no promotion waiting.
    /// </summary>
    public async Task<bool> IsCompleteAsync(StudyDefinition definition)
    {
        StudyCounts counts = await CountsAsync().ConfigureAwait(false);
        if (counts.Queued > 0 || counts.Running > 0 || counts.Done + counts.Failed == 0)
        {
            return false;
        }
        if (definition.Asha is not { } asha)
        {
            return true;
        }
        RedisResult waiting = await _retry.RunAsync(() => _db.ScriptEvaluateAsync(StudyScripts.Promotable, values:
            [_prefix, asha.RungEpochs.Count, asha.Reduction])).ConfigureAwait(false);
        return (int)waiting == 0;
    }

    /// <summary>Every result written, in trial order.</summary>
    public async Task<IReadOnlyList<TrialResult>> ResultsAsync()
    {
        HashEntry[] entries = await _retry.RunAsync(() => _db.HashGetAllAsync(_prefix + "results")).ConfigureAwait(false);
        return entries.Select(e => StudyJson.Read<TrialResult>(e.Value.ToString(), "result")).OrderBy(r => r.Configuration).ThenBy(r => r.Rung).ToArray();
    }

    /// <summary>Every failure, by trial id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> FailuresAsync()
    {
        HashEntry[] entries = await _retry.RunAsync(() => _db.HashGetAllAsync(_prefix + "failed")).ConfigureAwait(false);
        return entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
    }

    /// <summary>How many times each trial was started.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunsAsync()
    {
        HashEntry[] entries = await _retry.RunAsync(() => _db.HashGetAllAsync(_prefix + "runs")).ConfigureAwait(false);
        return entries.ToDictionary(e => e.Name.ToString(), e => (int)e.Value);
    }

    /// <summary>Stores the checkpoint of one fold of a trial.</summary>
    internal Task SaveCheckpointAsync(TrialId trial, int fold, byte[] bytes) =>
        _retry.RunAsync(() => _db.StringSetAsync(CheckpointKey(trial, fold), bytes));

    /// <summary>The checkpoint of one fold of a trial.</summary>
    /// <exception cref="InvalidDataException">It is not there.</exception>
    internal async Task<byte[]> LoadCheckpointAsync(TrialId trial, int fold)
    {
        RedisValue bytes = await _retry.RunAsync(() => _db.StringGetAsync(CheckpointKey(trial, fold))).ConfigureAwait(false);
        return bytes.IsNull ? throw new InvalidDataException($"Study '{Name}': the checkpoint of trial {trial}, fold {fold + 1} is missing.") : (byte[])bytes!;
    }

    private string CheckpointKey(TrialId trial, int fold) => $"{_prefix}checkpoint:{trial}:{fold.ToString(CultureInfo.InvariantCulture)}";

    private async Task<bool> FinishAsync(string trial, string value, string hash, string configuration, string rung, string key)
    {
        RedisResult wrote = await _retry.RunAsync(() => _db.ScriptEvaluateAsync(StudyScripts.Finish, values:
            [_prefix, trial, value, hash, configuration, rung, key])).ConfigureAwait(false);
        return (int)wrote == 1;
    }

    private static long LeaseMilliseconds(StudyDefinition definition) => (long)Math.Ceiling(definition.LeaseSeconds * 1000);
}
