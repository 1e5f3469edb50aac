using System.Diagnostics;
using System.Globalization;
using Descent.Training;

namespace Descent.Distributed;

/// <summary>
/// Pulls a study's trials from Redis, runs them, and writes their results, for as long as <see cref="WorkerOptions"/>
/// says. Any number of workers on any machines can serve one study and come and go at will.
/// </summary>
/// <remarks>
/// While a trial runs, the worker renews its lease four times per lease period. If the worker dies, its lease runs
/// out and the next claim by any worker puts the trial back at the head of the queue, so it runs once more. A result
/// is written only if the trial has none, so a trial finished twice (a worker that was slow rather than dead) keeps
/// its first result. Every Redis call retries while Redis is out of reach (see <see cref="RedisRetry"/>); a trial
/// running meanwhile goes on, and its result is written when Redis is back.
/// </remarks>
public sealed class Worker
{
    private readonly StudyStore _store;
    private readonly WorkerOptions _options;
    private readonly Action<string> _log;
    private readonly ITrialRunner _runner;

    /// <summary>Creates a worker that trains the study's MLP trials, reading CSV tasks from <paramref name="tasks"/>.</summary>
    public Worker(StudyStore store, TaskStore tasks, WorkerOptions options, Action<string>? log = null)
        : this(store, options, log, new MlpTrialRunner(tasks))
    {
    }

    internal Worker(StudyStore store, WorkerOptions options, Action<string>? log, ITrialRunner runner)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options;
        _log = log ?? (_ => { });
        _runner = runner;
    }

    /// <summary>Works until the study ends, the worker has been idle for <see cref="WorkerOptions.IdleExit"/>, or it ran <see cref="WorkerOptions.MaxTrials"/>; returns the trials run.</summary>
    /// <exception cref="IOException">Redis stayed out of reach longer than the retry policy allows.</exception>
    public async Task<int> RunAsync(CancellationToken cancellation = default)
    {
        int ran = 0;
        StudyDefinition? definition = null;
        IReadOnlyDictionary<int, IReadOnlyDictionary<string, object>>? configurations = null;
        var idle = Stopwatch.StartNew();
        while (_options.MaxTrials is not int most || ran < most)
        {
            cancellation.ThrowIfCancellationRequested();
            definition ??= await _store.DefinitionAsync().ConfigureAwait(false);
            TrialId? claimed = definition is null ? null : await _store.ClaimAsync(definition, _options.Id).ConfigureAwait(false);
            if (claimed is not TrialId trial)
            {
                if (definition is not null && await ShouldStopIdleAsync(definition, idle).ConfigureAwait(false))
                {
                    break;
                }
                if (definition is null && _options.IdleExit is TimeSpan wait && idle.Elapsed >= wait)
                {
                    break;
                }
                await Task.Delay(_options.Poll, cancellation).ConfigureAwait(false);
                continue;
            }
            configurations ??= await _store.ConfigurationsAsync().ConfigureAwait(false);
            await RunTrialAsync(definition!, trial, configurations[trial.Configuration]).ConfigureAwait(false);
            ran++;
            idle.Restart();
        }
        return ran;
    }

    private async Task<bool> ShouldStopIdleAsync(StudyDefinition definition, Stopwatch idle)
    {
        if (_options.IdleExit is not TimeSpan wait)
        {
            return await _store.IsCompleteAsync(definition).ConfigureAwait(false);
        }
        // A trial running elsewhere may come back to the queue if its worker died: that is not idleness.
        if ((await _store.CountsAsync().ConfigureAwait(false)).Running > 0)
        {
            idle.Restart();
        }
        return idle.Elapsed >= wait;
    }

    private async Task RunTrialAsync(StudyDefinition definition, TrialId trial, IReadOnlyDictionary<string, object> configuration)
    {
        using var done = new CancellationTokenSource();
        Task heartbeat = HeartbeatAsync(definition, trial, done.Token);
        var watch = Stopwatch.StartNew();
        TrialOutcome? outcome = null;
        string? failure = null;
        try
        {
            outcome = await _runner.RunAsync(_store, definition, trial, configuration).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is not null && RedisRetry.IsTransient(e.InnerException))
        {
            throw;
        }
        catch (Exception e)
        {
            failure = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
        }
        finally
        {
            await done.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }
        if (outcome is null)
        {
            await _store.FailAsync(trial, failure!).ConfigureAwait(false);
            _log($"trial {trial} failed: {failure}");
            return;
        }
        var result = new TrialResult(trial.ToString(), trial.Configuration, trial.Rung, outcome.Epochs, outcome.Score, outcome.FoldScores,
            watch.Elapsed.TotalSeconds, _options.Id);
        bool first = await _store.CompleteAsync(definition, result).ConfigureAwait(false);
        _log(string.Create(CultureInfo.InvariantCulture,
            $"trial {trial} {(first ? "done" : "done again (the first result stays)")}: {definition.Measure} {SettingFormat.Format(outcome.Score)} in {watch.Elapsed.TotalSeconds:F1} s"));
    }

    private async Task HeartbeatAsync(StudyDefinition definition, TrialId trial, CancellationToken stop)
    {
        TimeSpan every = TimeSpan.FromSeconds(definition.LeaseSeconds / 4);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, stop).ConfigureAwait(false);
                await _store.HeartbeatAsync(definition, trial, _options.Id).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException e)
            {
                // Redis gone for longer than the retry allows: the trial goes on; the result is written when Redis returns.
                _log(e.Message);
            }
        }
    }
}
