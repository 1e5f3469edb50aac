using Descent.IO;
using Descent.NN;
using Descent.Optim;
using Descent.Optim.Schedulers;

namespace Descent.Training.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Setups() => ["sgd nesterov + cosine", "adamw amsgrad + one-cycle", "rmsprop centered momentum + cosine"];

    /// <summary>A small network with dropout, its optimizer and scheduler, all seeded.</summary>
    private sealed class Run
    {
        public Run(string setup, int totalSteps)
        {
            Generator = new Generator(11);
            Model = new Sequential(new Linear(4, 16, generator: Generator), new Tanh(), new Dropout(0.3, Generator), new Linear(16, 1, generator: Generator));
            (Optimizer, Scheduler) = setup switch
            {
                "sgd nesterov + cosine" => Cosine(new SGD(Model.Parameters(), lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3), totalSteps),
                "adamw amsgrad + one-cycle" => OneCycle(new AdamW(Model.Parameters(), lr: 0.01, amsgrad: true), totalSteps),
                "rmsprop centered momentum + cosine" => Cosine(new RMSprop(Model.Parameters(), lr: 0.005, momentum: 0.5, centered: true), totalSteps),
                _ => throw new ArgumentException(setup),
            };
        }

        public Generator Generator { get; }

        public Sequential Model { get; }

        public Optimizer Optimizer { get; }

        public LRScheduler Scheduler { get; }

        private static (Optimizer, LRScheduler) Cosine(Optimizer o, int steps) => (o, new CosineAnnealingLR(o, tMax: steps));

        private static (Optimizer, LRScheduler) OneCycle(Optimizer o, int steps) => (o, new OneCycleLR(o, maxLr: 0.05, totalSteps: steps));

        public void Train(int steps, ref int step)
        {
            Tensor x = Tensor.Randn([64, 4], new Generator(99));
            Tensor y = x.Sum(1, keepDim: true).Tanh();
            for (int i = 0; i < steps; i++, step++)
            {
                // Batches depend on the step and the run's generator (through dropout), nothing else.
                Tensor xb = x.Narrow(0, step % 4 * 16, 16);
                Tensor yb = y.Narrow(0, step % 4 * 16, 16);
                Optimizer.ZeroGrad();
                Functional.MseLoss(Model.Forward(xb), yb).Backward();
                Optimizer.Step();
                Scheduler.Step();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public void AResumedRunIsBitwiseEqualToAnUninterruptedOne(string setup)
    {
        const int n = 30;
        const int k = 12;
        var a = new Run(setup, n);
        int stepA = 0;
        a.Train(n, ref stepA);

        var b = new Run(setup, n);
        int stepB = 0;
        b.Train(k, ref stepB);
        string path = Path.Combine(_dir, "run.safetensors");
        RunCheckpoint.Save(path, b.Model, b.Optimizer, b.Scheduler, b.Generator, new RunProgress(0, stepB, 11, new Dictionary<string, IReadOnlyDictionary<string, object?>>()));

        // Nothing carries over in memory: fresh objects, built as at the start of a run, then loaded.
        var c = new Run(setup, n);
        RunProgress progress = RunCheckpoint.Load(path, c.Model, c.Optimizer, c.Scheduler, c.Generator);
        int stepC = progress.Step;
        c.Train(n - k, ref stepC);

        foreach (((string name, Tensor x), (_, Tensor y)) in a.Model.StateDict().Zip(c.Model.StateDict()))
        {
            Assert.True(x.ToArray().SequenceEqual(y.ToArray()), $"{setup}: {name} differs");
        }
        Assert.Equal(a.Optimizer.StateDict().ToString(), c.Optimizer.StateDict().ToString());
        Assert.Equal(a.Optimizer.ParamGroups[0].Lr, c.Optimizer.ParamGroups[0].Lr);
        Assert.Equal(a.Generator.GetState(), c.Generator.GetState());
    }

    [Fact]
    public void ACheckpointThatDoesNotFitChangesNothing()
    {
        string path = Path.Combine(_dir, "run.safetensors");
        var source = new Run("adamw amsgrad + one-cycle", 20);
        int step = 0;
        source.Train(3, ref step);
        RunCheckpoint.Save(path, source.Model, source.Optimizer, source.Scheduler, source.Generator, new RunProgress(1, step, 11, new Dictionary<string, IReadOnlyDictionary<string, object?>>()));

        // The same model, but an optimizer of another kind: the model part would fit, the optimizer part does not.
        var target = new Run("sgd nesterov + cosine", 20);
        string modelBefore = string.Join(",", target.Model.StateDict().Values.SelectMany(t => t.ToArray()));
        string optimizerBefore = target.Optimizer.StateDict().ToString();
        byte[] generatorBefore = target.Generator.GetState();
        var e = Assert.Throws<TensorFileException>(() => RunCheckpoint.Load(path, target.Model, target.Optimizer, null, target.Generator));
        Assert.Contains("run.safetensors", e.Message);
        Assert.Equal(modelBefore, string.Join(",", target.Model.StateDict().Values.SelectMany(t => t.ToArray())));
        Assert.Equal(optimizerBefore, target.Optimizer.StateDict().ToString());
        Assert.Equal(generatorBefore, target.Generator.GetState());
    }

    [Fact]
    public void ATruncatedCheckpointIsRefusedClearly()
    {
        string path = Path.Combine(_dir, "run.safetensors");
        var source = new Run("sgd nesterov + cosine", 20);
        RunCheckpoint.Save(path, source.Model, source.Optimizer, source.Scheduler, source.Generator, new RunProgress(0, 0, 11, new Dictionary<string, IReadOnlyDictionary<string, object?>>()));
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 10)]);
        var target = new Run("sgd nesterov + cosine", 20);
        Assert.Throws<TensorFileException>(() => RunCheckpoint.Load(path, target.Model, target.Optimizer, target.Scheduler, target.Generator));
    }

    [Fact]
    public void ALearnerResumedFromACheckpointEndsWhereTheUninterruptedRunEnds()
    {
        MlpClassifier Learner(int epochs, params Callback[] callbacks)
        {
            var l = new MlpClassifier
            {
                Neurons = [12], P = 0.2, Epochs = epochs, BatchSize = 16, Seed = 21, ValidationRatio = 0.2, Standardize = true,
                Optimizer = "adamw", OptimizerOptions = { ["lr"] = 0.01, ["amsgrad"] = true },
                MeasuresTrain = { Measures.LogLoss }, MeasuresValid = { Measures.Accuracy },
            };
            l.Callbacks.AddRange(callbacks);
            return l;
        }
        ClassificationTask iris = Tasks.Iris();
        var fullHistory = new History();
        TrainedModel full = Learner(6, fullHistory).Train(iris);

        string path = Path.Combine(_dir, "learner.safetensors");
        Learner(2, new Checkpoint(path)).Train(iris);
        var resumedHistory = new History();
        TrainedModel resumed = Learner(6, resumedHistory).Resume(iris, path);

        foreach (((string name, Tensor x), (_, Tensor y)) in full.Network.StateDict().Zip(resumed.Network.StateDict()))
        {
            Assert.True(x.ToArray().SequenceEqual(y.ToArray()), $"{name} differs");
        }
        Assert.Equal(fullHistory.ToCsv(), resumedHistory.ToCsv());
        Assert.Equal(full.Optimizer.StateDict().ToString(), resumed.Optimizer.StateDict().ToString());
    }
}
