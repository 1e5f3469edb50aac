namespace Descent.Bench.Tests;

/// <summary>The harness's quick mode, without PyTorch, so that the benchmark cannot rot between full runs.</summary>
public sealed class QuickRunTests
{
    [Fact]
    public void QuickRunWithoutThePeerAppendsACompleteReport()
    {
        string path = Path.Combine(Path.GetTempPath(), $"descent-bench-{Guid.NewGuid():N}.md");
        try
        {
            BenchOptions options = BenchOptions.Parse(["--quick", "--no-peer", "--out", path]);
            string report = BenchHarness.Run(options, TextWriter.Null);

            string file = File.ReadAllText(path);
            Assert.StartsWith("# Benchmark results", file, StringComparison.Ordinal);
            Assert.EndsWith(report, file, StringComparison.Ordinal);
            foreach (string heading in new[]
            {
                "### Memory bandwidth", "### Optimizer step", "### Spam experiment", "### Larger MLP", "### MatMul",
                "### Managed allocations", "### Targets",
            })
            {
                Assert.Contains(heading, report, StringComparison.Ordinal);
            }
            foreach (string optimizer in new[] { "SGD", "SGD momentum", "Adam", "Adam amsgrad", "AdamW", "AdamW amsgrad", "RMSprop", "Adagrad" })
            {
                Assert.Contains($"| {optimizer} |", report, StringComparison.Ordinal);
            }
            Assert.Contains("torch not run", report, StringComparison.Ordinal);
            // Optimizer steps allocate nothing after warm-up, on the single-parameter layout above the threading
            // threshold as on the many small parameters.
            Assert.Contains("| 0 managed bytes per optimizer step after warm-up | 0 B (worst case) | met |", report, StringComparison.Ordinal);

            // A second run appends below the first, without a second file header.
            BenchHarness.Run(options with { Sections = ["bandwidth"] }, TextWriter.Null);
            string twice = File.ReadAllText(path);
            Assert.StartsWith(file, twice, StringComparison.Ordinal);
            Assert.Single(twice.Split('\n'), line => line.StartsWith("# Benchmark results", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OptionsParseTheDocumentedCommandLine()
    {
        BenchOptions quick = BenchOptions.Parse(["--quick", "--no-peer"]);
        Assert.True(quick.Quick);
        Assert.True(quick.NoPeer);
        Assert.Null(quick.OutPath);
        Assert.Equal(3, quick.Repetitions);
        Assert.Equal(BenchOptions.AllSections, quick.Sections);

        BenchOptions full = BenchOptions.Parse(["--out", "x.md", "--only", "optim, bandwidth", "--reps", "9", "--python", "/opt/py"]);
        Assert.False(full.Quick);
        Assert.Equal("x.md", full.OutPath);
        Assert.Equal(["optim", "bandwidth"], full.Sections);
        Assert.Equal(9, full.Repetitions);
        Assert.Equal("/opt/py", full.Python);
        Assert.EndsWith(Path.Combine("bench", "RESULTS.md"), BenchOptions.Parse([]).OutPath, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--fast"]));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--only", "gpu"]));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--reps", "0"]));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--out"]));
    }
}
