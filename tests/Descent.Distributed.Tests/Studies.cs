using Descent.Training;
using StackExchange.Redis;

namespace Descent.Distributed.Tests;

/// <summary>Small studies for the queue tests.</summary>
internal static class Studies
{
    /// <summary>A definition whose trials <see cref="FakeRunner"/> can run.</summary>
    public static StudyDefinition Fake(int configurations, double leaseSeconds = 10) => new()
    {
        Task = new TaskSource { Name = "iris" },
        Learner = LearnerSpec.From(new MlpClassifier()),
        Measure = "classif.logloss",
        Folds = 1,
        Seed = 1,
        Strategy = "random",
        Space = "x",
        Configurations = configurations,
        LeaseSeconds = leaseSeconds,
        Title = "fake",
    };

    /// <summary>Configurations <c>x = 0, 1, …</c>.</summary>
    public static IReadOnlyDictionary<string, object>[] Xs(int count) =>
        Enumerable.Range(0, count).Select(i => (IReadOnlyDictionary<string, object>)new Dictionary<string, object> { ["x"] = (double)i }).ToArray();

    public static StudyStore Open(ConnectionMultiplexer connection, RedisServer server, string name, Action<string>? log = null) =>
        new(connection.GetDatabase(), name, new RedisRetry(RedisAddress.Parse(server.Url), TimeSpan.FromSeconds(30), log));
}
