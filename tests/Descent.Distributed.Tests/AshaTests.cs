using Descent.Cli.Tests;
using Descent.Training;
using StackExchange.Redis;

namespace Descent.Distributed.Tests;

/// <summary>Successive halving on a real Redis: promotions by rung, and promoted trials that continue from their checkpoints.</summary>
public sealed class AshaTests
{
    [Fact]
    public async Task TheBestThirdIsPromotedAndContinuesFromItsCheckpointToTheScoreOfALongerRun()
    {
        using var server = new RedisServer("appendfsync everysec");
        using ConnectionMultiplexer connection = server.Connect();
        StudyStore study = Studies.Open(connection, server, "asha");
        var tasks = new TaskStore(connection.GetDatabase(), study.Retry);
        var learner = new MlpClassifier { Neurons = [8], PredictType = PredictType.Prob };
        var space = new SearchSpace { new NumericRange("lr", 1e-3, 1e-1, logScale: true) };
        IReadOnlyList<IReadOnlyDictionary<string, object>> configurations = new RandomSearch(6, 3).Configurations(space);
        StudyDefinition definition = Studies.Fake(6) with
        {
            Learner = LearnerSpec.From(learner),
            Folds = 2,
            Strategy = "asha",
            Asha = new AshaSettings(2, 6, 3),
        };
        await study.CreateAsync(definition, configurations);

        var runner = new MlpTrialRunner(tasks);
        int ran = await new Worker(study, new WorkerOptions(), null, runner).RunAsync();

        IReadOnlyList<TrialResult> results = await study.ResultsAsync();
        TrialResult[] first = results.Where(r => r.Rung == 0).ToArray();
        TrialResult[] promoted = results.Where(r => r.Rung == 1).ToArray();
        Assert.Equal(6, first.Length);
        Assert.Equal(6 + promoted.Length, ran);
        // One worker claims in order: after 3 first-rung results the best of them is promoted, after 6 the best two of
        // all six are (one of them may be that first one).
        Assert.InRange(promoted.Length, 2, 3);
        Assert.Contains(first.MinBy(r => r.Score)!.Configuration, promoted.Select(p => p.Configuration));
        Assert.Contains(first.Take(3).MinBy(r => r.Score)!.Configuration, promoted.Select(p => p.Configuration));
        Assert.All(promoted, r => Assert.Equal(6, r.Epochs));

        // Each rung scores as a plain resampling with its epochs: resuming is exact.
        SupervisedTask iris = Tasks.Iris();
        ResamplingInstance instance = new CrossValidation(2).Instantiate(iris, 1);
        foreach (TrialResult r in promoted.Concat(first.Take(2)))
        {
            MlpLearner configured = definition.Learner.Create();
            configured.SetHyperparameter("lr", configurations[r.Configuration]["lr"]);
            configured.Epochs = r.Epochs;
            Assert.Equal(Resample.Run(configured, iris, instance, [Measures.LogLoss]).Aggregate(Measures.LogLoss), r.Score);
        }

        // A promoted trial continues from its previous rung's checkpoints: given another configuration's, it refuses them.
        TrialResult target = promoted[0];
        int other = first.First(r => promoted.All(p => p.Configuration != r.Configuration)).Configuration;
        var trial = new TrialId(target.Configuration, 1);
        Assert.Equal(target.Score, (await runner.RunAsync(study, definition, trial, configurations[target.Configuration])).Score);
        for (int fold = 0; fold < 2; fold++)
        {
            await study.SaveCheckpointAsync(new TrialId(target.Configuration, 0), fold, await study.LoadCheckpointAsync(new TrialId(other, 0), fold));
        }
        var e = await Assert.ThrowsAsync<RunSettingsMismatchException>(() => runner.RunAsync(study, definition, trial, configurations[target.Configuration]));
        Assert.Contains("lr", e.Message);
    }

    [Fact]
    public void TheCommandLineRunsAshaAndRanksByTheRungReached()
    {
        using var server = new RedisServer("appendfsync everysec");
        var tuned = DescentProcess.Run(null, "tune", "--task", "iris", "--trials", "6", "--neurons", "4", "--folds", "2", "--strategy", "asha",
            "--min-epochs", "5", "--max-epochs", "40", "--reduction", "3", "--redis", server.Url, "--study", "asha-cli", "--workers", "1");
        Assert.True(tuned.Code == 0, tuned.Error);
        Assert.Contains("(asha, 6 configurations)", tuned.Output);
        // Rung epochs 5, 15, 40: all six configurations train 5 epochs, the best third of them at least 15 (two, or
        // three when an early leader is overtaken), and 40 only if three reached 15.
        int[] epochs = LeaderboardText.Rows(tuned.Output).SkipLast(1).Select(r => int.Parse(r.Split(" | ")[2])).ToArray();
        Assert.Equal(6, epochs.Length);
        Assert.Equal(epochs.OrderByDescending(e => e), epochs);
        Assert.All(epochs, e => Assert.Contains(e, new[] { 5, 15, 40 }));
        int promoted = epochs.Count(e => e >= 15);
        Assert.InRange(promoted, 2, 3);
        Assert.Equal(promoted == 3 ? 1 : 0, epochs.Count(e => e == 40));
        Assert.Contains($"done {6 + promoted + epochs.Count(e => e == 40)}, failed 0", tuned.Output);
    }

    [Theory]
    [InlineData("--strategy asha needs a study on Redis: give --redis and --study.", "--strategy", "asha")]
    [InlineData("--enqueue-only needs a study on Redis: give --redis and --study.", "--enqueue-only")]
    [InlineData("--workers must be at least 1, got 0.", "--workers", "0")]
    [InlineData("--status: give the study's --redis and --study.", "--status")]
    public void StudyOptionsWithoutRedisAreOneLineErrors(string message, params string[] args)
    {
        var result = DescentProcess.Run(null, ["tune", "--task", "iris", "--epochs", "1", .. args]);
        Assert.Equal($"descent: error: {message}", DescentProcess.AssertOneLineError(result, 2));
    }

    [Fact]
    public void RungsGrowByTheReductionUpToTheMaximum()
    {
        Assert.Equal([5, 15, 40], new AshaSettings(5, 40, 3).RungEpochs);
        Assert.Equal([4, 8, 16], new AshaSettings(4, 16, 2).RungEpochs);
        Assert.Equal([7], new AshaSettings(7, 7, 3).RungEpochs);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AshaSettings(5, 4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AshaSettings(5, 40, 1));
    }
}
