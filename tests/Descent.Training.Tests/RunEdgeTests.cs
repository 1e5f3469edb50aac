namespace Descent.Training.Tests;

/// <summary>A resume with other settings, an epoch cut short, a diverging run and the progress line.</summary>
public sealed class RunEdgeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MlpClassifier Learner(int epochs) => new()
    {
        Neurons = [8], P = 0.1, Epochs = epochs, BatchSize = 16, Seed = 3, Standardize = true,
        OptimizerOptions = { ["lr"] = 0.01 }, MeasuresTrain = { Measures.LogLoss },
    };

    [Fact]
    public void ResumeRefusesOtherSettingsAndNamesEachOne()
    {
        string path = Path.Combine(_dir, "run.safetensors");
        MlpClassifier first = Learner(2);
        first.Callbacks.Add(new Checkpoint(path));
        first.Train(Tasks.Iris());

        MlpClassifier changed = Learner(4);
        changed.P = 0.3;
        changed.BatchSize = 8;
        changed.OptimizerOptions["lr"] = 0.1;
        changed.ValidationRatio = 0.2;
        changed.MeasuresValid.Add(Measures.LogLoss);
        var e = Assert.Throws<RunSettingsMismatchException>(() => changed.Resume(Tasks.Iris(), path));
        Assert.Equal(["batch-size", "dropout", "lr", "validation"], e.Differences.Select(d => d.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(e.Differences, d => d is { Name: "dropout", Checkpoint: "0.1", Now: "0.3" });
        Assert.Contains(e.Differences, d => d is { Name: "lr", Checkpoint: "0.01", Now: "0.1" });
        Assert.Contains("batch-size 16 in the checkpoint, 8 now", e.Message);
        Assert.Null(changed.Model);

        // Another optimizer is named once, not with each hyperparameter it lacks or adds.
        MlpClassifier sgd = Learner(4);
        sgd.Optimizer = "sgd";
        var other = Assert.Throws<RunSettingsMismatchException>(() => sgd.Resume(Tasks.Iris(), path));
        Assert.Equal([new SettingDifference("optimizer", "adam", "sgd")], other.Differences);

        // More epochs are fine: the run goes on.
        TrainedModel resumed = Learner(4).Resume(Tasks.Iris(), path);
        Assert.Equal(4, resumed.History.Count);
    }

    [Fact]
    public void AnEpochCutShortIsNotRecorded()
    {
        var history = new History();
        MlpClassifier l = Learner(5);
        l.Callbacks.Add(history);
        l.Callbacks.Add(new StopInEpoch(3, batch: 2));
        TrainedModel model = l.Train(Tasks.Iris());

        Assert.Equal([1, 2], history.Epochs.Select(e => e.Epoch).ToArray());
        Assert.Equal(2, model.EpochsTrained);
        Assert.Equal(2, history.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public void ADivergingRunSaysWhere()
    {
        var l = new MlpRegressor
        {
            Neurons = [8], Epochs = 30, Seed = 1, Optimizer = "sgd", OptimizerOptions = { ["lr"] = 10.0 },
            MeasuresTrain = { Measures.Mse }, Callbacks = { new TerminateOnNaN() },
        };
        TrainedModel model = l.Train(Tasks.Mtcars());
        Assert.NotNull(model.DivergedAtEpoch);
        Assert.True(model.EpochsTrained < 30);
        Assert.True(model.History.Count <= model.DivergedAtEpoch);

        TrainedModel calm = Learner(2).Train(Tasks.Iris());
        Assert.Null(calm.DivergedAtEpoch);
    }

    [Fact]
    public void TheProgressLineShowsTheEpochMeanLossAndShortNumbers()
    {
        var output = new StringWriter();
        var recorder = new EpochLosses();
        MlpClassifier l = Learner(2);
        l.Callbacks.Add(recorder);
        l.Callbacks.Add(new Progress(output));
        l.Train(Tasks.Iris());
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains($"loss {Progress.Format(recorder.Means[0])}", lines[0]);
        Assert.Equal(recorder.Means[0], recorder.Batches[0].Average(), 10);

        Assert.Equal("1.017E+25", Progress.Format(1.0174486968e25));
        Assert.Equal("0.4123", Progress.Format(0.41234));
        Assert.Equal("NaN", Progress.Format(double.NaN));
    }

    [Fact]
    public void TheTrainingLayerDrawsNothingItself()
    {
        string[] references = typeof(MlpLearner).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(references, r => r.StartsWith("Spectre", StringComparison.Ordinal) || r.StartsWith("ScottPlot", StringComparison.Ordinal));
    }

    private sealed class StopInEpoch(int epoch, int batch) : Callback
    {
        public override void OnBatchEnd(TrainingContext context)
        {
            if (context.Epoch == epoch && context.BatchIndex + 1 == batch)
            {
                context.RequestStop("test stop");
            }
        }
    }

    private sealed class EpochLosses : Callback
    {
        private List<double> _current = [];

        public List<double> Means { get; } = [];

        public List<List<double>> Batches { get; } = [];

        public override void OnEpochBegin(TrainingContext context) => _current = [];

        public override void OnBatchEnd(TrainingContext context) => _current.Add(context.LastLoss);

        public override void OnEpochEnd(TrainingContext context)
        {
            Means.Add(context.EpochLoss);
            Batches.Add(_current);
        }
    }
}
