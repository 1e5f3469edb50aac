using StackExchange.Redis;

namespace Descent.Distributed.Tests;

/// <summary>The queue itself, with a trivial objective, against a real Redis server.</summary>
public sealed class QueueTests
{
    [Fact]
    public async Task TwoThousandTrialsAcrossFourWorkersAreEachDoneOnce()
    {
        // Persistence is not under test here, and an fsync per write would dominate the run.
        using var server = new RedisServer("appendfsync everysec");
        using ConnectionMultiplexer admin = server.Connect();
        StudyDefinition definition = Studies.Fake(2000);
        Assert.True(await Studies.Open(admin, server, "load").CreateAsync(definition, Studies.Xs(2000)));

        var runner = new FakeRunner();
        ConnectionMultiplexer[] connections = Enumerable.Range(0, 4).Select(_ => server.Connect()).ToArray();
        int[] ran = await Task.WhenAll(connections.Select((c, i) =>
            new Worker(Studies.Open(c, server, "load"), new WorkerOptions { Id = $"w{i}" }, null, runner).RunAsync()));

        StudyStore study = Studies.Open(admin, server, "load");
        Assert.Equal(new StudyCounts(0, 0, 2000, 0, 2000), await study.CountsAsync());
        Assert.Equal(2000, ran.Sum());
        Assert.All(ran, n => Assert.True(n > 0, $"a worker ran no trial: {string.Join(", ", ran)}"));
        IReadOnlyList<TrialResult> results = await study.ResultsAsync();
        Assert.Equal(Enumerable.Range(0, 2000), results.Select(r => r.Configuration));
        Assert.All(results, r => Assert.Equal(2.0 * r.Configuration, r.Score));
        Assert.All((await study.RunsAsync()).Values, n => Assert.Equal(1, n));
        Assert.Equal(2000, runner.Calls.Count);
        Assert.All(runner.Calls.Values, n => Assert.Equal(1, n));
        foreach (ConnectionMultiplexer c in connections)
        {
            c.Dispose();
        }
    }

    [Fact]
    public async Task ATrialWhoseWorkerStoppedHeartbeatingRunsOnceMoreAndItsLateResultIsIgnored()
    {
        using var server = new RedisServer();
        using ConnectionMultiplexer connection = server.Connect();
        StudyDefinition definition = Studies.Fake(5, leaseSeconds: 0.4);
        StudyStore study = Studies.Open(connection, server, "lease");
        await study.CreateAsync(definition, Studies.Xs(5));
        // A worker that claims a trial and dies: it never heartbeats and never finishes.
        TrialId lost = (await study.ClaimAsync(definition, "ghost"))!.Value;

        var runner = new FakeRunner();
        int ran = await new Worker(study, new WorkerOptions { Id = "alive" }, null, runner).RunAsync();

        Assert.Equal(5, ran);
        IReadOnlyDictionary<string, int> runs = await study.RunsAsync();
        Assert.Equal(2, runs[lost.ToString()]);
        Assert.All(runs.Where(kv => kv.Key != lost.ToString()), kv => Assert.Equal(1, kv.Value));
        TrialResult result = (await study.ResultsAsync()).Single(r => r.Trial == lost.ToString());
        Assert.Equal("alive", result.Worker);

        // The "dead" worker was only slow: its result comes second and changes nothing.
        Assert.False(await study.CompleteAsync(definition, result with { Score = -1, Worker = "ghost" }));
        Assert.Equal(result.Score, (await study.ResultsAsync()).Single(r => r.Trial == lost.ToString()).Score);
        Assert.Equal(new StudyCounts(0, 0, 5, 0, 6), await study.CountsAsync());
    }

    [Fact]
    public async Task WorkersRetryThroughARedisRestartAndNoFinishedResultIsLost()
    {
        using var server = new RedisServer();
        using ConnectionMultiplexer admin = server.Connect();
        StudyDefinition definition = Studies.Fake(150);
        await Studies.Open(admin, server, "restart").CreateAsync(definition, Studies.Xs(150));

        var runner = new FakeRunner(TimeSpan.FromMilliseconds(10));
        var lost = new List<string>();
        ConnectionMultiplexer[] connections = [server.Connect(), server.Connect()];
        Task<int>[] workers = connections.Select((c, i) =>
            new Worker(Studies.Open(c, server, "restart", m => { lock (lost) { lost.Add(m); } }), new WorkerOptions { Id = $"w{i}" }, null, runner).RunAsync())
            .ToArray();

        StudyStore study = Studies.Open(admin, server, "restart");
        while ((await study.CountsAsync()).Done < 40)
        {
            await Task.Delay(10);
        }
        HashSet<string> before = (await study.ResultsAsync()).Select(r => r.Trial).ToHashSet();
        server.Kill();
        await Task.Delay(500);
        server.Start();
        await Task.WhenAll(workers);

        IReadOnlyList<TrialResult> results = await study.ResultsAsync();
        Assert.Subset(results.Select(r => r.Trial).ToHashSet(), before);
        Assert.Equal(Enumerable.Range(0, 150), results.Select(r => r.Configuration));
        Assert.All(results, r => Assert.Equal(2.0 * r.Configuration, r.Score));
        StudyCounts counts = await study.CountsAsync();
        Assert.Equal((0L, 0L, 150L, 0L), (counts.Queued, counts.Running, counts.Done, counts.Failed));
        Assert.Contains(lost, m => m.StartsWith("Redis at redis://127.0.0.1:", StringComparison.Ordinal) && m.Contains("is out of reach", StringComparison.Ordinal));
        foreach (ConnectionMultiplexer c in connections)
        {
            c.Dispose();
        }
    }
}
