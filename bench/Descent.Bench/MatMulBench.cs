using System.Globalization;
using System.Text.Json;
using Descent.Kernels;

namespace Descent.Bench;

/// <summary>
/// GFLOP/s of the three products a linear layer computes per training step, with the transposes Descent's
/// <c>Linear</c> uses: forward Y = X·Wᵀ, backward dX = dY·W and dW = dYᵀ·X.
/// </summary>
internal static class MatMulBench
{
    public static IReadOnlyList<MatMulResult> Run(BenchOptions options, Peer peer, TextWriter log)
    {
        double target = options.Quick ? 2e-4 : 5e-3;
        var generator = new Generator(3);
        var results = new List<MatMulResult>();
        foreach (LinearShape layer in LinearShape.All)
        {
            float[] x = Tensor.Randn([layer.Batch, layer.FanIn], generator).ToArray();
            float[] w = Tensor.Randn([layer.FanOut, layer.FanIn], generator).ToArray();
            float[] dy = Tensor.Randn([layer.Batch, layer.FanOut], generator).ToArray();
            var y = new float[layer.Batch * layer.FanOut];
            var dx = new float[layer.Batch * layer.FanIn];
            var dw = new float[layer.FanOut * layer.FanIn];
            (int b, int i, int o) = (layer.Batch, layer.FanIn, layer.FanOut);
            (string, Action)[] products =
            [
                ("forward", () => Gemm.Multiply(x, w, y, b, i, o, transB: true)),
                ("dX", () => Gemm.Multiply(dy, w, dx, b, o, i)),
                ("dW", () => Gemm.Multiply(dy, x, dw, o, b, i, transA: true)),
            ];
            foreach ((string name, Action product) in products)
            {
                int iterations = Timing.Calibrate(product, target);
                Sample total = Timing.Measure(() =>
                {
                    for (int k = 0; k < iterations; k++)
                    {
                        product();
                    }
                }, options.Warmup, options.Repetitions, options.MinWarmupSeconds);
                results.Add(new MatMulResult(layer, name, total.PerCall(iterations), double.NaN));
                log.WriteLine($"  descent matmul {layer.PeerKey,-12} {name,-8} {results[^1].Gflops,7:F1} GFLOP/s");
            }
        }

        JsonElement? torch = peer.Run("matmul_peer.py", "--threads", BenchOptions.Threads.ToString(CultureInfo.InvariantCulture),
            "--reps", options.Repetitions.ToString(CultureInfo.InvariantCulture), "--warmup", options.Warmup.ToString(CultureInfo.InvariantCulture),
            "--target", target.ToString(CultureInfo.InvariantCulture), "--layers", string.Join(',', LinearShape.All.Select(l => l.PeerKey)));
        return [.. results.Select(r => r with { TorchGflops = TorchGflops(torch, r) })];
    }

    private static double TorchGflops(JsonElement? torch, MatMulResult r)
    {
        if (torch is not { } root)
        {
            return double.NaN;
        }
        foreach (JsonElement e in root.GetProperty("results").EnumerateArray())
        {
            if (e.GetProperty("layer").GetString() == r.Layer.PeerKey && e.GetProperty("product").GetString() == r.Product)
            {
                return e.GetProperty("gflops").GetDouble();
            }
        }
        return double.NaN;
    }
}
