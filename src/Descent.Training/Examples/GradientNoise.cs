using System.Diagnostics;
using Descent.NN;
using Descent.Optim;

namespace Descent.Training.Examples;

/// <summary>One batch size's measurements: the gradient's standard error and the time of one optimization step.</summary>
/// <param name="BatchSize">Rows per mini-batch.</param>
/// <param name="StandardError">The root mean squared deviation of mini-batch gradients from the full-data gradient.</param>
/// <param name="PredictedStandardError">σ/√B, with σ fitted to the measurements at every batch size (sampling with replacement).</param>
/// <param name="MicrosecondsPerStep">Median time of one forward, backward and optimizer step.</param>
public sealed record GradientNoisePoint(int BatchSize, double StandardError, double PredictedStandardError, double MicrosecondsPerStep);

/// <summary>
/// Measures how the noise of the mini-batch gradient falls with batch size on a task: for a fixed network, draws
/// many mini-batches of each size (rows with replacement), computes their gradients, and reports the root mean
/// squared distance from the full-data gradient against the σ/√B that independent sampling predicts; also times
/// an optimization step at each size.
/// </summary>
public static class GradientNoise
{
    /// <summary>Runs the measurement.</summary>
    public static IReadOnlyList<GradientNoisePoint> Measure(ClassificationTask task, IReadOnlyList<int> batchSizes, int draws = 50, int neurons = 100, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(batchSizes);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 2);
        var generator = new Generator(seed);
        Tensor x = Standardization.Fit(task).Apply(task);
        Tensor y = task.Target();
        var network = new Sequential(new Linear(task.NFeatures, neurons, generator: generator), new ReLU(), new Linear(neurons, task.ClassNames.Count, generator: generator));
        Parameter[] parameters = network.Parameters().ToArray();

        float[] Gradient(int[] rows)
        {
            network.ZeroGrad();
            Functional.CrossEntropy(network.Forward(x.IndexSelect(0, rows)), y.IndexSelect(0, rows)).Backward();
            return parameters.SelectMany(p => p.Grad!.ToArray()).ToArray();
        }

        float[] full = Gradient(Enumerable.Range(0, task.NRow).ToArray());
        double RmsDeviation(int batchSize)
        {
            double sum = 0;
            for (int d = 0; d < draws; d++)
            {
                int[] rows = Enumerable.Range(0, batchSize).Select(_ => (int)generator.NextInt64(0, task.NRow)).ToArray();
                float[] g = Gradient(rows);
                for (int i = 0; i < g.Length; i++)
                {
                    sum += (g[i] - full[i]) * (double)(g[i] - full[i]);
                }
            }
            return Math.Sqrt(sum / draws);
        }

        var optimizer = new SGD(parameters, lr: 0);
        var measured = new List<(int B, double Se, double Micros)>();
        foreach (int b in batchSizes)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(b, 1, nameof(batchSizes));
            measured.Add((b, RmsDeviation(b), TimeStep(network, optimizer, x, y, b, generator)));
        }
        // σ fitted to every batch size (least squares on log se + ½ log B), steadier than the single B = 1 estimate.
        double sigma = Math.Exp(measured.Average(m => Math.Log(m.Se) + 0.5 * Math.Log(m.B)));
        var result = measured.Select(m => new GradientNoisePoint(m.B, m.Se, sigma / Math.Sqrt(m.B), m.Micros)).ToList();
        return result;
    }

    private static double TimeStep(Module network, Optimizer optimizer, Tensor x, Tensor y, int batchSize, Generator generator)
    {
        var times = new List<double>();
        for (int rep = 0; rep < 15; rep++)
        {
            int[] rows = Enumerable.Range(0, batchSize).Select(_ => (int)generator.NextInt64(0, x.Size(0))).ToArray();
            long start = Stopwatch.GetTimestamp();
            optimizer.ZeroGrad();
            Functional.CrossEntropy(network.Forward(x.IndexSelect(0, rows)), y.IndexSelect(0, rows)).Backward();
            optimizer.Step();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
