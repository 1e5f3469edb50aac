using System.Diagnostics;
using Descent.Cli.Tests;
using StackExchange.Redis;

namespace Descent.Distributed.Tests;

/// <summary>A study through the real command line: <c>descent tune --enqueue-only</c>, three <c>descent worker</c> processes, one killed.</summary>
public sealed class KilledWorkerTests
{
    private static readonly string[] s_study = ["--task", "spam", "--trials", "6", "--epochs", "10", "--neurons", "32", "--folds", "2", "--seed", "7"];

    [Fact]
    public async Task AWorkerKilledMidTrialLosesNothingAndTheLeaderboardEqualsASerialRun()
    {
        using var server = new RedisServer();
        using ConnectionMultiplexer admin = server.Connect();
        IDatabase db = admin.GetDatabase();
        Task<(int Code, string Output, string Error)> serial = Task.Run(() => DescentProcess.Run(null, ["tune", .. s_study]));
        var enqueue = DescentProcess.Run(null, ["tune", .. s_study, "--redis", server.Url, "--study", "kill", "--lease", "1.5", "--enqueue-only"]);
        Assert.True(enqueue.Code == 0, enqueue.Error);
        Assert.Contains("6 configurations queued", enqueue.Output);

        Process[] workers = Enumerable.Range(0, 3).Select(_ => DescentProcess.Start(null, "worker", "--redis", server.Url, "--study", "kill")).ToArray();
        Task<string>[] outputs = workers.Select(w => w.StandardOutput.ReadToEndAsync()).ToArray();
        Task<string>[] errors = workers.Select(w => w.StandardError.ReadToEndAsync()).ToArray();

        // Kill the first worker once it has been inside a trial for a while.
        Process victim = workers[0];
        string owner = $"{Environment.MachineName}:{victim.Id}";
        string? killedTrial = null;
        var watch = Stopwatch.StartNew();
        while (killedTrial is null)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the first worker never ran a trial");
            HashEntry? held = (await db.HashGetAllAsync("descent:study:kill:owner")).Cast<HashEntry?>().FirstOrDefault(e => e!.Value.Value == owner);
            if (held is { } h)
            {
                await Task.Delay(50);
                if ((await db.HashGetAsync("descent:study:kill:owner", h.Name)) == owner)
                {
                    victim.Kill();
                    await victim.WaitForExitAsync();
                    killedTrial = h.Name.ToString();
                }
            }
            await Task.Delay(10);
        }
        Assert.False(await db.HashExistsAsync("descent:study:kill:results", killedTrial), "the killed trial had finished already");

        foreach (Process w in workers.Skip(1))
        {
            Assert.True(w.WaitForExit(TimeSpan.FromSeconds(90)), "a worker did not stop after the study ended");
            Assert.True(w.ExitCode == 0, await errors[Array.IndexOf(workers, w)]);
        }
        var status = DescentProcess.Run(null, "tune", "--redis", server.Url, "--study", "kill", "--status");
        Assert.True(status.Code == 0, status.Error);
        Assert.Contains("queued 0, running 0, done 6, failed 0, 1 re-run after a lost worker, complete", status.Output);

        HashEntry[] runs = await db.HashGetAllAsync("descent:study:kill:runs");
        Assert.Equal(6, runs.Length);
        Assert.All(runs, r => Assert.Equal(r.Name == killedTrial ? 2 : 1, (int)r.Value));
        string survivors = string.Concat(await Task.WhenAll(outputs.Skip(1)));
        Assert.Equal(6, survivors.Split('\n').Count(l => l.StartsWith("trial ", StringComparison.Ordinal) && l.Contains(" done: ", StringComparison.Ordinal))
            + (await outputs[0]).Split('\n').Count(l => l.StartsWith("trial ", StringComparison.Ordinal)));
        Assert.Contains($"trial {killedTrial} done", survivors);

        var reference = await serial;
        Assert.True(reference.Code == 0, reference.Error);
        IReadOnlyList<string> expected = LeaderboardText.Rows(reference.Output);
        Assert.Equal(7, expected.Count);
        Assert.Equal(expected, LeaderboardText.Rows(status.Output));
    }
}
