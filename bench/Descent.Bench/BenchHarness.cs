using System.Diagnostics;

namespace Descent.Bench;

/// <summary>
/// Runs the sections that <see cref="BenchOptions"/> selects, Descent first and then the PyTorch peer for each, and
/// renders one dated Markdown report, which it appends to <see cref="BenchOptions.OutPath"/> when set.
/// </summary>
internal static class BenchHarness
{
    /// <summary>Runs the benchmark and returns the report; progress goes to <paramref name="log"/>.</summary>
    public static string Run(BenchOptions options, TextWriter log)
    {
        MachineInfo machine = MachineInfo.Current();
        DateTimeOffset started = DateTimeOffset.UtcNow;
        long start = Stopwatch.GetTimestamp();
        var peer = new Peer(options, log);
        if (peer.Enabled && !Directory.Exists(Peer.OpenBlasDir))
        {
            log.WriteLine($"warning: {Peer.OpenBlasDir} is missing: torch may run on the reference BLAS, an unfair peer (apt-get install libopenblas0-pthread)");
        }
        log.WriteLine($"Descent.Bench: {machine.Cpu}, {machine.Cores} cores, {machine.Runtime}, load {machine.LoadAverage}" +
            (options.Quick ? " (quick)" : "") + (peer.Enabled ? "" : " (no peer)"));

        IReadOnlyList<BandwidthResult>? bandwidth = null;
        if (options.Runs("bandwidth"))
        {
            log.WriteLine("memory bandwidth");
            bandwidth = Bandwidth.Measure(options, log);
        }
        IReadOnlyList<OptimizerResult>? optimizers = null;
        if (options.Runs("optim"))
        {
            log.WriteLine("optimizer steps");
            optimizers = OptimizerBench.Run(options, peer, log);
        }
        SpamResult? spam = null;
        if (options.Runs("spam"))
        {
            log.WriteLine("spam experiment");
            spam = TrainingBench.Spam(options, peer, log);
        }
        MlpResult? mlp = null;
        if (options.Runs("mlp"))
        {
            log.WriteLine("larger MLP");
            mlp = TrainingBench.Mlp(options, peer, log);
        }
        IReadOnlyList<MatMulResult>? matmul = null;
        if (options.Runs("matmul"))
        {
            log.WriteLine("matmul");
            matmul = MatMulBench.Run(options, peer, log);
        }

        var results = new BenchResults(options, machine, started, Stopwatch.GetElapsedTime(start), MachineInfo.LoadAverageNow(),
            peer.TorchVersion, peer.Blas, peer.ReferenceBlas, bandwidth, optimizers, spam, mlp, matmul);
        string report = Report.Render(results);
        if (options.OutPath is { } path)
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }
            bool fresh = !File.Exists(path) || new FileInfo(path).Length == 0;
            File.AppendAllText(path, (fresh ? Report.FileHeader + "\n" : "\n") + report);
            log.WriteLine($"appended to {path}");
        }
        return report;
    }
}
