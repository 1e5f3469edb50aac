using System.Diagnostics;
using Descent.IO;

namespace Descent.Cli.Tests;

/// <summary>
/// The descent command as separate processes: a run interrupted after some epochs and resumed by a new process ends
/// bitwise where the uninterrupted run ends, and killing a process while it saves never costs the last good checkpoint.
/// </summary>
public sealed class ResumeAcrossProcessesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Process Start(params string[] args) => DescentProcess.Start(null, args);

    private static void Run(params string[] args)
    {
        using Process p = Start(args);
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"descent {string.Join(' ', args)} failed: {output}");
    }

    public static TheoryData<string[]> Setups() => new()
    {
        new[] { "--optimizer", "sgd", "--lr", "0.05", "--momentum", "0.9", "--nesterov", "--scheduler", "cosine" },
        new[] { "--optimizer", "adamw", "--lr", "0.01", "--amsgrad", "--scheduler", "onecycle" },
        new[] { "--optimizer", "rmsprop", "--lr", "0.005", "--momentum", "0.5", "--centered", "--scheduler", "cosine" },
        // Eight batches an epoch, three per step: the interruption falls in the middle of an accumulation.
        new[] { "--optimizer", "adam", "--lr", "0.01", "--accumulate-batches", "3" },
        // Switched to eval for each validation and checkpoint, and back to train for each epoch.
        new[] { "--optimizer", "schedulefree_adamw", "--lr", "0.01", "--warmup-steps", "5", "--weight-decay", "0.01" },
        new[] { "--optimizer", "muon", "--lr", "0.01", "--scheduler", "cosine" },
    };

    [Theory]
    [MemberData(nameof(Setups))]
    public void AResumedRunEndsBitwiseWhereTheUninterruptedRunEnds(string[] setup)
    {
        string[] common = ["train", "--task", "iris", "--neurons", "16", "--dropout", "0.2", "--batch-size", "16", "--validation", "0.2", "--standardize", "--seed", "4", "--quiet", .. setup];
        string full = Path.Combine(_dir, "full");
        string part = Path.Combine(_dir, "part");
        Run([.. common, "--epochs", "6", "--out", full]);
        Run([.. common, "--epochs", "6", "--stop-after", "2", "--out", part]);
        Run([.. common, "--epochs", "6", "--out", part, "--resume", Path.Combine(part, "checkpoint.safetensors")]);

        SafeTensorsFile a = SafeTensors.Load(Path.Combine(full, "checkpoint.safetensors"));
        SafeTensorsFile b = SafeTensors.Load(Path.Combine(part, "checkpoint.safetensors"));
        Assert.Equal(a.Tensors.Keys.Order(), b.Tensors.Keys.Order());
        foreach ((string name, TensorData data) in a.Tensors)
        {
            Assert.True(data.AsSpan<float>().SequenceEqual(b.Tensors[name].AsSpan<float>()), $"{name} differs");
        }
        Assert.Equal(a.Metadata["descent.optimizer"], b.Metadata["descent.optimizer"]);
        Assert.Equal(a.Metadata["descent.generator"], b.Metadata["descent.generator"]);
        Assert.Equal(File.ReadAllText(Path.Combine(full, "history.csv")), File.ReadAllText(Path.Combine(part, "history.csv")));
    }

    [Fact]
    public void KillingAProcessDuringSavesNeverCostsTheLastGoodCheckpoint()
    {
        // A wide network makes each checkpoint tens of megabytes, so a kill often lands in the middle of a save.
        string dir = Path.Combine(_dir, "crash");
        string checkpoint = Path.Combine(dir, "checkpoint.safetensors");
        var random = new Random(5);
        int checkedLoads = 0;
        for (int attempt = 0; attempt < 4; attempt++)
        {
            string[] args = ["train", "--task", "iris", "--neurons", "1500,1500", "--epochs", "50", "--batch-size", "150", "--quiet", "--out", dir];
            using Process p = Start(File.Exists(checkpoint) ? [.. args, "--resume", checkpoint] : args);
            var clock = Stopwatch.StartNew();
            while (!File.Exists(checkpoint) && clock.Elapsed < TimeSpan.FromSeconds(60) && !p.HasExited)
            {
                Thread.Sleep(20);
            }
            Thread.Sleep(random.Next(50, 400));
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
            }
            p.WaitForExit();
            if (File.Exists(checkpoint))
            {
                SafeTensorsFile file = SafeTensors.Load(checkpoint); // must never throw: the file is always a complete save
                Assert.True(file.Tensors.Count > 0);
                checkedLoads++;
            }
        }
        Assert.True(checkedLoads > 0, "no checkpoint was ever written");
    }
}
