using System.Globalization;
using System.Text.Json;
using Descent.Optim;

namespace Descent.Bench;

/// <summary>
/// Times <c>optimizer.Step()</c> for every <see cref="OptimizerCase"/> on every <see cref="ParameterLayout"/>, each
/// timed step milliseconds after a <see cref="FloorProbe"/> run, and PyTorch's for-loop and foreach implementations
/// of the same step.
/// </summary>
internal static class OptimizerBench
{
    private const int AllocationSteps = 5;

    public static IReadOnlyList<OptimizerResult> Run(BenchOptions options, Peer peer, TextWriter log)
    {
        IReadOnlyList<ParameterLayout> layouts = ParameterLayout.For(options);
        var descent = new List<(OptimizerCase Case, ParameterLayout Layout, Sample Time, double Floor, double TimesFloor, double Thread, double Process)>();
        var probe = new FloorProbe(options.Quick ? 1 << 20 : 1 << 25);
        probe.WarmUp();
        foreach (ParameterLayout layout in layouts)
        {
            var generator = new Generator(1);
            var parameters = new Parameter[layout.Count];
            for (int i = 0; i < layout.Count; i++)
            {
                parameters[i] = new Parameter(Tensor.Randn([layout.Size], generator));
                parameters[i].Grad = Tensor.Randn([layout.Size], generator);
            }
            float[][] originals = [.. parameters.Select(p => p.ToArray())];
            foreach (OptimizerCase c in OptimizerCase.All)
            {
                using (Autograd.NoGrad())
                {
                    for (int i = 0; i < parameters.Length; i++)
                    {
                        originals[i].CopyTo(parameters[i].AsSpan());
                    }
                }
                Optimizer optimizer = c.Create(parameters);
                Timing.WarmUp(optimizer.Step, options.Warmup, options.MinWarmupSeconds);
                double bytes = (double)c.BytesPerElement * layout.Elements;
                var steps = new double[options.Repetitions];
                var floors = new double[options.Repetitions];
                var ratios = new double[options.Repetitions];
                for (int r = 0; r < options.Repetitions; r++)
                {
                    floors[r] = probe.MeasureGBps();
                    // The timed step is the second of two back to back, so that it runs with the pool's threads
                    // awake, as the floor's second kernel run and PyTorch's back-to-back steps do.
                    optimizer.Step();
                    steps[r] = Timing.Once(optimizer.Step);
                    ratios[r] = steps[r] / (bytes / floors[r] / 1e9);
                }
                var time = new Sample(steps);
                double floor = new Sample(floors).Median;
                double timesFloor = new Sample(ratios).Median;
                (double thread, double process) = AllocatedPerStep(optimizer);
                descent.Add((c, layout, time, floor, timesFloor, thread, process));
                log.WriteLine($"  descent {c.Name,-14} {layout,-10} {Format.Seconds(time.Median),10}  {bytes / time.Median / 1e9,6:F1} GB/s (floor {floor:F1}, {timesFloor:F2}×)  {thread} B/step");
            }
        }

        JsonElement? torch = peer.Run("optim_peer.py",
            "--threads", BenchOptions.Threads.ToString(CultureInfo.InvariantCulture),
            "--reps", options.Repetitions.ToString(CultureInfo.InvariantCulture),
            "--warmup", options.Warmup.ToString(CultureInfo.InvariantCulture),
            "--layouts", string.Join(',', layouts.Select(l => l.PeerKey)),
            "--configs", string.Join(',', OptimizerCase.All.Select(c => c.Name)));
        return [.. descent.Select(d => new OptimizerResult(d.Case, d.Layout, d.Time, d.Floor, d.TimesFloor,
            TorchMedian(torch, d.Case, d.Layout, "for-loop"), TorchMedian(torch, d.Case, d.Layout, "foreach"), d.Thread, d.Process))];
    }

    /// <summary>
    /// Managed bytes per step after warm-up: on the stepping thread (what the target counts) and in the whole process
    /// (which would show allocations on the worker threads too, along with any the runtime makes in the background).
    /// </summary>
    private static (double Thread, double Process) AllocatedPerStep(Optimizer optimizer)
    {
        long thread = GC.GetAllocatedBytesForCurrentThread();
        long process = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < AllocationSteps; i++)
        {
            optimizer.Step();
        }
        return ((double)(GC.GetAllocatedBytesForCurrentThread() - thread) / AllocationSteps,
            (double)(GC.GetTotalAllocatedBytes(precise: true) - process) / AllocationSteps);
    }

    private static double TorchMedian(JsonElement? torch, OptimizerCase c, ParameterLayout layout, string variant)
    {
        if (torch is not { } root)
        {
            return double.NaN;
        }
        foreach (JsonElement r in root.GetProperty("results").EnumerateArray())
        {
            if (r.GetProperty("config").GetString() == c.Name && r.GetProperty("layout").GetString() == layout.PeerKey
                && r.GetProperty("variant").GetString() == variant)
            {
                return r.GetProperty("median_s").GetDouble();
            }
        }
        return double.NaN;
    }
}
