using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Descent.NN;
using Descent.Optim;
using Descent.Training;

namespace Descent.Bench;

/// <summary>Whole training loops: the spam experiment through <see cref="MlpClassifier"/>, and a hand-written loop for the larger MLP.</summary>
internal static class TrainingBench
{
    private static readonly string Threads = BenchOptions.Threads.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// MlpClassifier with Neurons [100], P 0.1, BatchSize 32, Epochs 40 and Adam at lr 0.01, with the per-epoch
    /// train log loss that the PyTorch loop computes too; untimed one-epoch runs first (for at least
    /// <see cref="BenchOptions.MinWarmupSeconds"/>) and three untimed whole runs, then one timed run per seed.
    /// </summary>
    public static SpamResult Spam(BenchOptions options, Peer peer, TextWriter log)
    {
        int epochs = options.Quick ? 1 : 40;
        int runs = options.Quick ? 1 : Math.Max(5, options.Repetitions);
        ClassificationTask task = Tasks.Spam();
        int steps = epochs * ((task.NRow + 31) / 32);
        long warmup = Stopwatch.GetTimestamp();
        do
        {
            Learner(epochs: 1, seed: 0).Train(task);
        }
        while (Stopwatch.GetElapsedTime(warmup).TotalSeconds < options.MinWarmupSeconds);
        // Then whole runs: code that only late epochs reach (Adam's paths for moments that decayed into the
        // subnormals) is compiled and re-optimized only then, and the first whole runs measured 20-50% slower than
        // the fourth and later ones.
        for (int run = 0; run < (options.Quick ? 0 : WholeWarmupRuns); run++)
        {
            Learner(epochs, seed: 1000 + (ulong)run).Train(task);
        }
        var seconds = new List<double>();
        double allocated = 0;
        for (int seed = 1; seed <= runs; seed++)
        {
            MlpClassifier learner = Learner(epochs, (ulong)seed);
            long before = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            learner.Train(task);
            seconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            allocated = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / steps;
        }
        var descent = new Sample(seconds);
        log.WriteLine($"  descent spam {Format.Seconds(descent.Median)} per run, {Format.Seconds(descent.Median / steps)} per step");

        JsonElement? torch = peer.Run("training_peer.py", "spam", "--threads", Threads,
            "--runs", runs.ToString(CultureInfo.InvariantCulture), "--epochs", epochs.ToString(CultureInfo.InvariantCulture),
            "--warmup-runs", (options.Quick ? 0 : PeerWholeWarmupRuns).ToString(CultureInfo.InvariantCulture));
        double torchMedian = torch is { } t ? t.GetProperty("median_s").GetDouble() : double.NaN;
        return new SpamResult(descent, torchMedian, epochs, steps, allocated);
    }

    /// <summary>784-512-512-10 with ReLU, batch 256, Adam, cross-entropy, on eight pre-built synthetic batches.</summary>
    public static MlpResult Mlp(BenchOptions options, Peer peer, TextWriter log)
    {
        int stepsPerSample = options.Quick ? 2 : 10;
        var generator = new Generator(7);
        var network = new Sequential(
            new Linear(784, 512, generator: generator), new ReLU(),
            new Linear(512, 512, generator: generator), new ReLU(),
            new Linear(512, 10, generator: generator));
        var optimizer = new Adam(network.Parameters(), lr: 1e-3);
        var batches = new (Tensor X, Tensor Y)[8];
        var random = new Random(7);
        for (int i = 0; i < batches.Length; i++)
        {
            float[] labels = [.. Enumerable.Range(0, MlpResult.Batch).Select(_ => (float)random.Next(10))];
            batches[i] = (Tensor.Randn([MlpResult.Batch, 784], generator), Tensor.FromArray(labels));
        }
        int position = 0;
        // Each step's activations and gradients reuse the last step's buffers, as the training loop's do.
        var arena = new TensorArena();
        void Steps()
        {
            for (int s = 0; s < stepsPerSample; s++)
            {
                (Tensor x, Tensor y) = batches[position++ % batches.Length];
                optimizer.ZeroGrad();
                arena.Reset();
                using (arena.Activate())
                {
                    Functional.CrossEntropy(network.Forward(x), y).Backward();
                }
                optimizer.Step();
            }
        }
        Sample time = Timing.Measure(Steps, options.Warmup, options.Repetitions, options.MinWarmupSeconds);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Steps();
        double allocated = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / stepsPerSample;
        var result = new MlpResult(time, double.NaN, stepsPerSample, allocated);
        log.WriteLine($"  descent mlp {result.SamplesPerSecond:F0} samples/s");

        JsonElement? torch = peer.Run("training_peer.py", "mlp", "--threads", Threads,
            "--reps", options.Repetitions.ToString(CultureInfo.InvariantCulture), "--warmup", options.Warmup.ToString(CultureInfo.InvariantCulture),
            "--steps", stepsPerSample.ToString(CultureInfo.InvariantCulture));
        return result with { TorchSamplesPerSecond = torch is { } t ? t.GetProperty("samples_per_s").GetDouble() : double.NaN };
    }

    // Untimed whole runs after the one-epoch warm-up: Descent's until its code has settled; PyTorch's, which compiles
    // nothing, one, so that its allocator and caches are warm too.
    private const int WholeWarmupRuns = 3;
    private const int PeerWholeWarmupRuns = 1;

    private static MlpClassifier Learner(int epochs, ulong seed) => new()
    {
        Neurons = [100],
        P = 0.1,
        BatchSize = 32,
        Epochs = epochs,
        Seed = seed,
        OptimizerOptions = { ["lr"] = 0.01 },
        MeasuresTrain = { Measures.LogLoss },
    };
}
