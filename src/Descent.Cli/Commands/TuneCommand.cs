using System.CommandLine;
using Descent.Cli.Arguments;
using Descent.Cli.Studies;
using Descent.Distributed;
using Descent.Training;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent tune</c>: random or grid search over the learning rate (log scale) and other settings, with a leaderboard;
/// on local threads (<c>--workers</c>) or as a study on Redis that workers anywhere serve (<c>--redis</c>, <c>--study</c>),
/// where successive halving (<c>--strategy asha</c>) is also available.
/// </summary>
internal static class TuneCommand
{
    public static Command Create()
    {
        var setup = new LearnerSetup();
        var redis = new RedisArguments();
        var lrRange = new Option<string>("--lr-range") { Description = "Learning-rate range, searched on a log scale.", DefaultValueFactory = _ => "1e-4,1e-1" };
        var neuronsRange = new Option<string?>("--neurons-range") { Description = "Hidden-layer size range, e.g. 16,256 (log scale)." };
        var batchSizes = new Option<string?>("--batch-sizes") { Description = "Batch sizes to choose from, e.g. 16,32,64." };
        var strategy = new Option<string>("--strategy") { Description = "random, grid, or asha (successive halving; needs --redis).", DefaultValueFactory = _ => "random" };
        var evals = new Option<int>("--evals", "--trials")
        {
            Description = "Configurations tried by random search and successive halving; points per range for grid search.",
            DefaultValueFactory = _ => 8,
        };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds per configuration.", DefaultValueFactory = _ => 3 };
        var workers = new Option<int?>("--workers")
        {
            Description = "Trials run at once on this machine (threads); with --redis, local workers that serve the study while tune waits (default 1, with --redis 0).",
        };
        var enqueueOnly = new Option<bool>("--enqueue-only") { Description = "With --redis: create the study, queue its trials and return." };
        var status = new Option<bool>("--status") { Description = "With --redis and --study: print the study's counts and leaderboard." };
        var minEpochs = new Option<int>("--min-epochs") { Description = "Successive halving: epochs of the first rung.", DefaultValueFactory = _ => 5 };
        var maxEpochs = new Option<int>("--max-epochs") { Description = "Successive halving: epochs of the last rung.", DefaultValueFactory = _ => 40 };
        var reduction = new Option<int>("--reduction") { Description = "Successive halving: factor between rungs; the best 1/reduction is promoted.", DefaultValueFactory = _ => 3 };
        var lease = new Option<double>("--lease") { Description = "With --redis: seconds without a heartbeat after which a trial goes back to the queue.", DefaultValueFactory = _ => 10 };
        var command = new Command("tune", "Search hyperparameters by random or grid search or successive halving, evaluated by cross-validation, and print the leaderboard.")
        {
            lrRange, neuronsRange, batchSizes, strategy, evals, folds, workers, enqueueOnly, status, minEpochs, maxEpochs, reduction, lease,
        };
        setup.AddTo(command);
        redis.AddTo(command);
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            bool onRedis = parse.GetValue(redis.Redis) is not null;
            if (parse.GetValue(status))
            {
                return onRedis ? StudyTune.Status(redis, parse) : throw new ArgumentException("--status: give the study's --redis and --study.");
            }
            (SupervisedTask t, MlpLearner l) = setup.Read(parse, "lr");
            var space = new SearchSpace();
            double[] lr = Lists.Doubles(parse.GetValue(lrRange)!, "--lr-range");
            if (lr.Length != 2)
            {
                throw new ArgumentException("--lr-range: expected two numbers, lower,upper.");
            }
            space.Add(new NumericRange("lr", lr[0], lr[1], logScale: true));
            if (parse.GetValue(neuronsRange) is { } nr && Lists.Ints(nr, "--neurons-range") is [int lo, int hi])
            {
                space.Add(new IntegerRange("neurons", lo, hi, logScale: true));
            }
            if (parse.GetValue(batchSizes) is { } bs)
            {
                space.Add(new CategoricalChoice("batch_size", Lists.Ints(bs, "--batch-sizes").Cast<object>().ToArray()));
            }
            int n = parse.GetValue(evals);
            ulong seed = parse.GetValue(setup.Learner.Seed);
            string strategyName = parse.GetValue(strategy)!;
            SearchStrategy search = strategyName switch
            {
                "random" or "asha" => new RandomSearch(n, seed),
                "grid" => new GridSearch(n),
                string other => throw new ArgumentException($"--strategy: expected random, grid or asha, got '{other}'."),
            };
            Measure measure = setup.Learner.MeasureList(parse, t)[0];
            int k = parse.GetValue(folds);
            int? threads = parse.GetValue(workers);
            if (threads is int w && (w < 0 || (w == 0 && !onRedis)))
            {
                throw new ArgumentException($"--workers must be at least {(onRedis ? 0 : 1)}, got {w}.");
            }
            if (!onRedis)
            {
                if (strategyName == "asha" || parse.GetValue(enqueueOnly))
                {
                    throw new ArgumentException($"{(strategyName == "asha" ? "--strategy asha" : "--enqueue-only")} needs a study on Redis: give --redis and --study.");
                }
                TuningResult result = Tuner.Tune(l, t, new CrossValidation(k), measure, space, search, seed, threads ?? 1);
                Leaderboard.Write($"{l.Id} on {t.Id}: {result.Archive.Count} configurations, {k}-fold CV", measure,
                    result.Archive.Select(a => new LeaderboardRow(a.Configuration, a.Score, a.Duration.TotalSeconds)).ToArray());
                return 0;
            }
            AshaSettings? asha = strategyName == "asha" ? new AshaSettings(parse.GetValue(minEpochs), parse.GetValue(maxEpochs), parse.GetValue(reduction)) : null;
            double leaseSeconds = parse.GetValue(lease) is var s && s > 0 ? s : throw new ArgumentException($"--lease must be a positive number of seconds, got {s}.");
            var plan = new StudyPlan(l, t, measure, k, seed, strategyName, space, search.Configurations(space), asha, leaseSeconds,
                parse.GetValue(setup.Task.Task)!, parse.GetValue(setup.Task.Target), parse.GetValue(setup.Task.Positive));
            return StudyTune.Run(redis, parse, plan, parse.GetValue(enqueueOnly), threads ?? 0);
        }));
        return command;
    }
}
