using System.Diagnostics;
using Descent.Cli.Tests;
using StackExchange.Redis;

namespace Descent.Distributed.Tests;

/// <summary><c>--max-trials</c> and <c>--idle-exit</c>: when a worker stops.</summary>
public sealed class WorkerLimitTests
{
    [Fact]
    public async Task AWorkerStopsAfterItsMaximumNumberOfTrials()
    {
        using var server = new RedisServer("appendfsync everysec");
        using ConnectionMultiplexer connection = server.Connect();
        StudyStore study = Studies.Open(connection, server, "limit");
        await study.CreateAsync(Studies.Fake(5), Studies.Xs(5));

        Assert.Equal(3, await new Worker(study, new WorkerOptions { MaxTrials = 3 }, null, new FakeRunner()).RunAsync());
        Assert.Equal(new StudyCounts(2, 0, 3, 0, 3), await study.CountsAsync());
    }

    [Fact]
    public async Task AnIdleWorkerWaitsForATrialRunningElsewhereToComeBackBeforeItCountsItselfIdle()
    {
        using var server = new RedisServer("appendfsync everysec");
        using ConnectionMultiplexer connection = server.Connect();
        StudyDefinition definition = Studies.Fake(2, leaseSeconds: 1);
        StudyStore study = Studies.Open(connection, server, "idle");
        await study.CreateAsync(definition, Studies.Xs(2));
        TrialId lost = (await study.ClaimAsync(definition, "ghost"))!.Value;

        var watch = Stopwatch.StartNew();
        int ran = await new Worker(study, new WorkerOptions { IdleExit = TimeSpan.FromMilliseconds(300) }, null, new FakeRunner()).RunAsync();

        // Idle for 0.3 s after the first trial, but the lost one was still leased: the worker waited for it and ran it.
        Assert.Equal(2, ran);
        Assert.Equal(2, (await study.RunsAsync())[lost.ToString()]);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.3), $"stopped after {watch.Elapsed}");
    }

    [Theory]
    [InlineData("--max-trials", "0", "--max-trials must be at least 1, got 0.")]
    [InlineData("--idle-exit", "-1", "--idle-exit must be a number of seconds, got -1.")]
    public void BadLimitsAreOneLineErrorsBeforeAnyConnection(string option, string value, string message)
    {
        var result = DescentProcess.Run(null, "worker", "--redis", "redis://127.0.0.1:1", "--study", "s", option, value);
        Assert.Equal($"descent: error: {message}", DescentProcess.AssertOneLineError(result, 2));
    }
}
