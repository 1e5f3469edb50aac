namespace Descent.Training.Tests;

/// <summary>Trials, resampling iterations and benchmark cells on several threads give a serial run's results exactly.</summary>
public sealed class ParallelTrialTests
{
    [Fact]
    public void TuningOnFourWorkersGivesTheSerialArchiveAndWinner()
    {
        var space = new SearchSpace { new NumericRange("lr", 1e-3, 1e-1, logScale: true), new CategoricalChoice("optimizer", "adam", "sgd") };
        TuningResult Run(int workers) =>
            Tuner.Tune(TinyLearners.Classifier(epochs: 3), Tasks.Iris(), new CrossValidation(3), Measures.LogLoss, space, new RandomSearch(8, 5), seed: 9, workers);

        TuningResult serial = Run(1);
        TuningResult parallel = Run(4);

        Assert.Equal(serial.Archive.Select(t => t.Score), parallel.Archive.Select(t => t.Score));
        Assert.Equal(serial.Archive.Select(t => t.Result.Scores(Measures.LogLoss.Id)), parallel.Archive.Select(t => t.Result.Scores(Measures.LogLoss.Id)));
        Assert.Equal(serial.BestTrial.Index, parallel.BestTrial.Index);
        Assert.Equal(serial.Archive.Select(t => t.Configuration["lr"]), parallel.Archive.Select(t => t.Configuration["lr"]));
        Assert.Equal(8, serial.Archive.Select(t => t.Score).Distinct().Count());
    }

    [Fact]
    public void ResampleAndBenchmarkOnSeveralWorkersGiveTheSerialScores()
    {
        MlpClassifier learner = TinyLearners.Classifier(epochs: 2);
        ResampleResult serial = Resample.Run(learner, Tasks.Iris(), new CrossValidation(4), [Measures.LogLoss], seed: 3);
        ResampleResult parallel = Resample.Run(learner, Tasks.Iris(), new CrossValidation(4), [Measures.LogLoss], seed: 3, workers: 3);
        Assert.Equal(serial.Scores(Measures.LogLoss.Id), parallel.Scores(Measures.LogLoss.Id));

        MlpLearner[] learners = [TinyLearners.Classifier(lr: 0.01, epochs: 2), TinyLearners.Classifier(lr: 0.1, epochs: 2)];
        BenchmarkResult one = Benchmark.Run(learners, [Tasks.Iris()], [new CrossValidation(2), new Holdout()], [Measures.LogLoss], seed: 4);
        BenchmarkResult four = Benchmark.Run(learners, [Tasks.Iris()], [new CrossValidation(2), new Holdout()], [Measures.LogLoss], seed: 4, workers: 4);
        Assert.Equal(one.Results.Select(r => r.Scores(Measures.LogLoss.Id)), four.Results.Select(r => r.Scores(Measures.LogLoss.Id)));
    }

    [Fact]
    public void AFailingTrialOnAWorkerThreadThrowsItsOwnException()
    {
        var space = new SearchSpace { new CategoricalChoice("batch_size", 8, 0) };
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Tuner.Tune(TinyLearners.Classifier(epochs: 1), Tasks.Iris(), new Holdout(), Measures.LogLoss, space, new GridSearch(1), seed: 1, workers: 2));
    }
}
