using System.Globalization;
using System.Text;

namespace Descent.Bench;

/// <summary>Renders one run's <see cref="BenchResults"/> as a dated Markdown section of <c>bench/RESULTS.md</c>.</summary>
internal static class Report
{
    /// <summary>The top of a new results file.</summary>
    public const string FileHeader = """
        # Benchmark results

        Appended by `dotnet run --project bench/Descent.Bench -c Release` (see bench/README.md), newest last. Each
        section is one run on one machine; Descent and PyTorch were measured in that run, under the same load.

        """;

    /// <summary>The targets of the performance issue and the optimizer layout they are checked on.</summary>
    private const double FloorTarget = 1.3;
    private const double ManyFloorTarget = 1.15;
    private const double TorchSpeedupTarget = 4;
    private const double SpamTarget = 15;
    private const double MlpTarget = 5.0;
    private const double MlpPeakFraction = 0.9;
    private const double GemmTarget = 1.0;
    private const double TrainingStepBytes = 10_000;

    public static string Render(BenchResults r)
    {
        var md = new StringBuilder();
        BenchOptions o = r.Options;
        md.AppendLine(Invariant($"## {r.Started:yyyy-MM-dd HH:mm} UTC — {r.Machine.Cpu}, {r.Machine.Cores} cores{(o.Quick ? " (quick run: sizes too small to mean anything)" : "")}"));
        md.AppendLine();
        md.AppendLine(Invariant($"- Machine: {r.Machine.Cpu}, {r.Machine.Cores} cores, {r.Machine.Os}"));
        md.AppendLine(Invariant($"- Runtimes: {r.Machine.Runtime}; torch {r.TorchVersion ?? "not run"} ({o.Python}, set_num_threads({BenchOptions.Threads}))"));
        if (r.PeerBlas is not null)
        {
            md.AppendLine(Invariant($"- PyTorch's BLAS: {r.PeerBlas}"));
        }
        if (r.PeerOnReferenceBlas)
        {
            md.AppendLine("- **warning: torch ran on the reference BLAS, not an optimized one; every comparison with PyTorch below measures BLAS, not Descent (install `libopenblas0-pthread`)**");
        }
        md.AppendLine(Invariant($"- Load average (1/5/15 min) at start {r.Machine.LoadAverage}, at end {r.LoadAverageAfter}; the run took {r.Duration.TotalSeconds:F0} s"));
        md.AppendLine(Invariant($"- Each time is the median of {o.Repetitions} repetitions after {o.Warmup} warm-up runs, unless a table says otherwise"));
        md.AppendLine();

        if (r.Bandwidth is not null)
        {
            RenderBandwidth(md, r.Bandwidth);
        }
        if (r.Optimizers is not null)
        {
            RenderOptimizers(md, r.Optimizers);
        }
        if (r.Spam is not null)
        {
            RenderSpam(md, r.Spam);
        }
        if (r.Mlp is not null)
        {
            RenderMlp(md, r.Mlp);
        }
        if (r.MatMul is not null)
        {
            RenderMatMul(md, r.MatMul);
        }
        RenderAllocations(md, r);
        RenderTargets(md, r);
        return md.ToString();
    }

    private static void RenderBandwidth(StringBuilder md, IReadOnlyList<BandwidthResult> results)
    {
        md.AppendLine(Invariant($"### Memory bandwidth ({BenchOptions.Threads} threads, {results[0].Elements * sizeof(float) / (1 << 20)} MiB per array)"));
        md.AppendLine();
        md.AppendLine("| kernel | computes | bytes/element | time | GB/s |");
        md.AppendLine("|---|---|---:|---:|---:|");
        foreach (BandwidthResult b in results)
        {
            md.AppendLine(Invariant($"| {b.Kernel} | {b.Formula} | {b.BytesPerElement} | {Format.Seconds(b.Time.Median)} | {Format.F(b.GBps, 1)} |"));
        }
        md.AppendLine();
        md.AppendLine(Invariant($"Best rate: **{Format.F(Bandwidth.BestGBps(results), 1)} GB/s**. The optimizer table measures its floor again, with the"));
        md.AppendLine("update kernel right before every timed step, because the bandwidth left to this process drifts with the machine's other load.");
        md.AppendLine();
    }

    private static void RenderOptimizers(StringBuilder md, IReadOnlyList<OptimizerResult> results)
    {
        md.AppendLine("### Optimizer step");
        md.AppendLine();
        md.AppendLine("One `Step()` over the layout's parameters (fp32). B/elem counts what a single fused pass must move (r read,");
        md.AppendLine("w written); GB/s is that over Descent's time; floor is the median rate of the update kernel (the better of");
        md.AppendLine("plain and prefetch) run just before each timed step (each timed step is the second of two back to back, so");
        md.AppendLine("that its threads are awake, as the floor's and PyTorch's are); × floor is the median over those pairs of the");
        md.AppendLine("step's time over the time its bytes take at the rate of its floor run (1.00 = at the floor).");
        md.AppendLine();
        md.AppendLine("| optimizer | traffic | B/elem | params | Descent | GB/s | floor GB/s | × floor | torch for-loop | torch foreach | Descent vs best torch |");
        md.AppendLine("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (OptimizerResult x in results)
        {
            md.AppendLine(Invariant($"| {x.Case.Name} | {x.Case.Traffic} | {x.Case.BytesPerElement} | {x.Layout} | {Format.Seconds(x.Descent.Median)} | {Format.F(x.GBps, 1)} | {Format.F(x.FloorGBps, 1)} | {Format.F(x.TimesFloor, 2)} | {Format.Seconds(x.TorchForLoop)} | {Format.Seconds(x.TorchForeach)} | {Format.Ratio(x.TorchBest / x.Descent.Median)} |"));
        }
        md.AppendLine();
    }

    private static void RenderSpam(StringBuilder md, SpamResult s)
    {
        md.AppendLine("### Spam experiment");
        md.AppendLine();
        md.AppendLine(Invariant($"MlpClassifier, Neurons [100], P 0.1, BatchSize 32, Epochs {s.Epochs}, Adam lr 0.01, train log loss per epoch, on `Tasks.Spam()`"));
        md.AppendLine(Invariant($"({s.Steps} steps per run); PyTorch runs the same loop (bench/peer/training_peer.py). Median of {s.Descent.Count} runs (seeds 1…{s.Descent.Count}) after untimed warm-up: one-epoch runs, then whole runs (Descent 3, PyTorch 1)."));
        md.AppendLine();
        md.AppendLine("| | s per run | µs per step |");
        md.AppendLine("|---|---:|---:|");
        md.AppendLine(Invariant($"| Descent | {Format.F(s.Descent.Median, 3)} | {Format.F(s.Descent.Median / s.Steps * 1e6, 1)} |"));
        md.AppendLine(Invariant($"| PyTorch | {Format.F(s.Torch, 3)} | {Format.F(s.Torch / s.Steps * 1e6, 1)} |"));
        md.AppendLine(Invariant($"| PyTorch / Descent | {Format.Ratio(s.Torch / s.Descent.Median)} | |"));
        md.AppendLine();
    }

    private static void RenderMlp(StringBuilder md, MlpResult m)
    {
        md.AppendLine("### Larger MLP");
        md.AppendLine();
        md.AppendLine(Invariant($"784-512-512-10 with ReLU, batch {MlpResult.Batch}, Adam lr 1e-3, cross-entropy, synthetic data; one repetition is {m.StepsPerSample} training steps."));
        md.AppendLine();
        md.AppendLine("| | samples/s | ms per step |");
        md.AppendLine("|---|---:|---:|");
        md.AppendLine(Invariant($"| Descent | {Format.F(m.SamplesPerSecond, 0)} | {Format.F(m.Descent.Median / m.StepsPerSample * 1e3, 2)} |"));
        md.AppendLine(Invariant($"| PyTorch | {Format.F(m.TorchSamplesPerSecond, 0)} | {Format.F(MlpResult.Batch / m.TorchSamplesPerSecond * 1e3, 2)} |"));
        md.AppendLine(Invariant($"| Descent / PyTorch | {Format.Ratio(m.SamplesPerSecond / m.TorchSamplesPerSecond)} | |"));
        md.AppendLine();
    }

    private static void RenderMatMul(StringBuilder md, IReadOnlyList<MatMulResult> results)
    {
        md.AppendLine("### MatMul");
        md.AppendLine();
        md.AppendLine("The three products of each linear layer (batch × in → out, W stored out × in): forward Y = X·Wᵀ, dX = dY·W,");
        md.AppendLine("dW = dYᵀ·X; Descent's GEMM against `torch.mm(..., out=)`, both into preallocated outputs.");
        md.AppendLine();
        md.AppendLine("| model | layer | product | m × k × n | Descent GFLOP/s | torch GFLOP/s | Descent / torch |");
        md.AppendLine("|---|---|---|---|---:|---:|---:|");
        foreach (MatMulResult x in results)
        {
            LinearShape l = x.Layer;
            string mkn = x.Product switch
            {
                "forward" => $"{l.Batch} × {l.FanIn} × {l.FanOut}",
                "dX" => $"{l.Batch} × {l.FanOut} × {l.FanIn}",
                _ => $"{l.FanOut} × {l.Batch} × {l.FanIn}",
            };
            md.AppendLine(Invariant($"| {l.Model} | {l.FanIn}→{l.FanOut} | {x.Product} | {mkn} | {Format.F(x.Gflops, 1)} | {Format.F(x.TorchGflops, 1)} | {Format.Ratio(x.Gflops / x.TorchGflops)} |"));
        }
        md.AppendLine();
    }

    private static void RenderAllocations(StringBuilder md, BenchResults r)
    {
        if (r.Optimizers is null && r.Spam is null && r.Mlp is null)
        {
            return;
        }
        md.AppendLine("### Managed allocations");
        md.AppendLine();
        md.AppendLine("Bytes per step after warm-up, from `GC.GetAllocatedBytesForCurrentThread` on the stepping thread; for optimizer");
        md.AppendLine("steps also `GC.GetTotalAllocatedBytes(precise: true)` over the whole process, which includes the worker threads.");
        md.AppendLine();
        md.AppendLine("| step | bytes (this thread) | bytes (process) |");
        md.AppendLine("|---|---:|---:|");
        foreach (OptimizerResult x in r.Optimizers ?? [])
        {
            md.AppendLine(Invariant($"| {x.Case.Name}, {x.Layout} | {Format.Bytes(x.AllocatedPerStepThread)} | {Format.Bytes(x.AllocatedPerStepProcess)} |"));
        }
        if (r.Spam is { } s)
        {
            md.AppendLine(Invariant($"| spam training step (a whole `Train` call / steps) | {Format.Bytes(s.AllocatedPerStep)} | |"));
        }
        if (r.Mlp is { } m)
        {
            md.AppendLine(Invariant($"| larger-MLP training step | {Format.Bytes(m.AllocatedPerStep)} | |"));
        }
        md.AppendLine();
    }

    private static void RenderTargets(StringBuilder md, BenchResults r)
    {
        var rows = new List<(string Target, string Measured, bool? Met)>();
        if (r.Optimizers is { Count: > 0 } optimizers)
        {
            OptimizerResult adamw = optimizers.First(x => x.Case.Name == "AdamW");
            double timesFloor = adamw.TimesFloor;
            rows.Add(($"AdamW step, {adamw.Layout}: ≤ {FloorTarget}× the bandwidth floor", Format.F(timesFloor, 2) + "×", timesFloor <= FloorTarget));
            double speedup = adamw.TorchBest / adamw.Descent.Median;
            rows.Add(($"AdamW step, {adamw.Layout}: ≥ {TorchSpeedupTarget}× faster than PyTorch's best variant", Format.Ratio(speedup),
                double.IsNaN(speedup) ? null : speedup >= TorchSpeedupTarget));
            if (optimizers.Where(x => x.Layout.Count > 1).ToList() is { Count: > 0 } many)
            {
                OptimizerResult slowest = many.MaxBy(x => x.TimesFloor)!;
                rows.Add(($"every optimizer step, {slowest.Layout}: ≤ {ManyFloorTarget}× the bandwidth floor",
                    Format.F(slowest.TimesFloor, 2) + $"× (worst: {slowest.Case.Name})", slowest.TimesFloor <= ManyFloorTarget));
            }
            double worst = optimizers.Max(x => x.AllocatedPerStepThread);
            rows.Add(("0 managed bytes per optimizer step after warm-up", Format.Bytes(worst) + " B (worst case)", worst == 0));
        }
        if (r.Spam is { } s)
        {
            double ratio = s.Torch / s.Descent.Median;
            rows.Add(($"spam experiment ≥ {SpamTarget}× faster than PyTorch", Format.Ratio(ratio), double.IsNaN(ratio) ? null : ratio >= SpamTarget));
            rows.Add(($"spam training step ≤ {Format.Bytes(TrainingStepBytes)} managed bytes", Format.Bytes(s.AllocatedPerStep) + " B",
                s.AllocatedPerStep <= TrainingStepBytes));
        }
        if (r.Mlp is { } m)
        {
            double ratio = m.SamplesPerSecond / m.TorchSamplesPerSecond;
            rows.Add(($"larger MLP ≥ {MlpTarget}× PyTorch's samples/s", Format.Ratio(ratio), double.IsNaN(ratio) ? null : ratio >= MlpTarget));
            rows.Add(($"larger-MLP training step ≤ {Format.Bytes(TrainingStepBytes)} managed bytes", Format.Bytes(m.AllocatedPerStep) + " B",
                m.AllocatedPerStep <= TrainingStepBytes));
            if (r.MatMul?.Where(x => x.Layer.Model == "mlp").ToList() is { Count: > 0 } products)
            {
                // A step's products: forward and dW for every layer, dX for all but the first (its input needs no gradient).
                IReadOnlyList<LinearShape> layers = [.. LinearShape.All.Where(x => x.Model == "mlp")];
                double flops = layers.Select((x, i) => x.Flops * (i == 0 ? 2 : 3)).Sum();
                double stepSeconds = m.Descent.Median / m.StepsPerSample;
                double fraction = flops / stepSeconds / 1e9 / products.Max(x => x.Gflops);
                rows.Add(($"larger-MLP step ≥ {MlpPeakFraction:P0} of the best GEMM rate measured on its products", Format.F(fraction * 100, 0) + "%",
                    fraction >= MlpPeakFraction));
            }
        }
        if (r.MatMul is { Count: > 0 } matmul && matmul.Min(x => x.Gflops / x.TorchGflops) is var gemm && !double.IsNaN(gemm))
        {
            MatMulResult worstProduct = matmul.MinBy(x => x.Gflops / x.TorchGflops)!;
            rows.Add(($"GEMM ≥ {GemmTarget}× PyTorch's BLAS on every bench product", Format.Ratio(gemm) +
                $" (worst: {worstProduct.Layer.Model} {worstProduct.Product} {worstProduct.Layer.PeerKey})", gemm >= GemmTarget));
        }
        if (rows.Count == 0)
        {
            return;
        }
        md.AppendLine("### Targets");
        md.AppendLine();
        md.AppendLine("| target | measured | |");
        md.AppendLine("|---|---:|---|");
        foreach ((string target, string measured, bool? met) in rows)
        {
            md.AppendLine($"| {target} | {measured} | {(met switch { true => "met", false => "**missed**", null => "not measured" })} |");
        }
        md.AppendLine();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
