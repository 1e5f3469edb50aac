using Descent.Training;

namespace Descent.Distributed.Tests;

/// <summary>Redis addresses and the learner settings a study carries.</summary>
public sealed class AddressTests
{
    [Theory]
    [InlineData("redis://localhost", "redis://localhost:6379", false, null, false, 0)]
    [InlineData("redis://10.0.0.5:7000/2", "redis://10.0.0.5:7000/2", false, null, false, 2)]
    [InlineData("redis://alice:p%40ss@host:6380", "redis://alice:***@host:6380", false, "alice", true, 0)]
    [InlineData("redis://:secret@host", "redis://:***@host:6379", false, null, true, 0)]
    [InlineData("rediss://bob:pw@cache.example:6390", "rediss://bob:***@cache.example:6390", true, "bob", true, 0)]
    public void AddressesParseAndPrintWithoutThePassword(string text, string shown, bool tls, string? user, bool password, int database)
    {
        RedisAddress address = RedisAddress.Parse(text);
        Assert.Equal(shown, address.ToString());
        Assert.Equal((tls, user, password, database), (address.Tls, address.User, address.HasPassword, address.Database));
        Assert.Equal(tls, address.Options().Ssl);
        Assert.Equal(password, address.Options().Password is not null);
    }

    [Fact]
    public void APercentEncodedPasswordIsDecodedAndScrubbedFromMessages()
    {
        RedisAddress address = RedisAddress.Parse("redis://alice:p%40ss@host");
        Assert.Equal("p@ss", address.Options().Password);
        Assert.Equal("auth with *** failed", address.Scrub("auth with p@ss failed"));
    }

    [Theory]
    [InlineData("http://user:hunter2@host")]
    [InlineData("redis://user:hunter2@host/abc")]
    [InlineData("localhost:6379")]
    public void BadAddressesAreRejectedWithoutShowingThePassword(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => RedisAddress.Parse(text));
        Assert.DoesNotContain("hunter2", e.Message);
    }

    [Fact]
    public void ALearnerSurvivesTheTripThroughAStudyWithEveryTypeIntact()
    {
        var learner = new MlpClassifier
        {
            Neurons = [16, 8], Activation = Activation.Tanh, P = 0.25, BatchSize = 17, Epochs = 3, Optimizer = "adamw", Seed = 42,
            ValidationRatio = 0.2, Standardize = true, Patience = 2, MinDelta = 0.001, PredictType = PredictType.Prob,
        };
        learner.OptimizerOptions["lr"] = 0.003;
        learner.OptimizerOptions["betas"] = (0.8, 0.99);
        learner.OptimizerOptions["amsgrad"] = true;
        learner.MeasuresTrain.Add(Measures.LogLoss);
        learner.MeasuresValid.Add(Measures.Accuracy);

        string json = StudyJson.Write(LearnerSpec.From(learner));
        var copy = (MlpClassifier)StudyJson.Read<LearnerSpec>(json, "learner").Create();

        SupervisedTask iris = Tasks.Iris();
        var probe = Optim.OptimizerRegistry.Create(learner.Optimizer, [new Parameter(Tensor.Zeros(1))], learner.OptimizerOptions);
        Assert.Equal(learner.RunSettings(iris, probe), copy.RunSettings(iris, probe));
        Assert.Equal(learner.DescribeSettings(), copy.DescribeSettings());
        Assert.Equal(PredictType.Prob, copy.PredictType);
        Assert.Equal(learner.OptimizerOptions.Select(kv => (kv.Key, kv.Value)), copy.OptimizerOptions.Select(kv => (kv.Key, kv.Value)));
        Assert.Equal(["classif.acc"], copy.MeasuresValid.Select(m => m.Id));
    }
}
