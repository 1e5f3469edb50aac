namespace Descent.Cli.Tests;

/// <summary>The optimizers newer than PyTorch 1.13's twelve, by name from the command line: train, compare and trajectory.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class ModernOptimizerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-modern-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out(string name) => Path.Combine(_dir, name);

    [Theory]
    [InlineData("adafactor", "iris")]
    [InlineData("muon", "iris")]
    [InlineData("lion", "iris")]
    [InlineData("lamb", "iris")]
    [InlineData("lars", "iris")]
    [InlineData("muon", "spam")]
    public void TrainRunsAndTheLossFalls(string optimizer, string task)
    {
        (int code, _, string error) = ConsoleCapture.Run("train", "--task", task, "--optimizer", optimizer, "--epochs", "4", "--seed", "3",
            "--quiet", "--out", Out(optimizer + task));
        Assert.True(code == 0, error);
        double[] loss = File.ReadAllLines(Out(optimizer + task + "/history.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, loss.Length);
        Assert.True(loss[^1] < loss[0], $"{optimizer} on {task}: loss {loss[0]} → {loss[^1]}");
    }

    [Fact]
    public void MuonWithoutTheSplitRefusesTheBiasesInOneLine()
    {
        (int code, _, string error) = ConsoleCapture.Run("train", "--task", "iris", "--optimizer", "muon", "--muon-split", "false",
            "--epochs", "1", "--quiet", "--out", Out("nosplit"));
        Assert.NotEqual(0, code);
        Assert.Contains("Muon only supports 2D parameters", error);
    }

    [Fact]
    public void CompareAndTrajectoryTakeTheNewNames()
    {
        (int code, _, string error) = ConsoleCapture.Run("compare", "--task", "iris", "--optimizer", "adamw,muon,lion,adafactor,lamb,lars",
            "--seeds", "1", "--epochs", "2", "--neurons", "4", "--out", Out("compare"));
        Assert.True(code == 0, error);
        Assert.Equal(1 + 6 * 2, File.ReadAllLines(Out("compare/curves.csv")).Length);
        foreach (string optimizer in new[] { "muon", "lion", "adafactor", "lamb", "lars" })
        {
            (code, _, error) = ConsoleCapture.Run("trajectory", "--surface", "rosenbrock", "--optimizer", optimizer, "--lr", "0.01",
                "--steps", "10", "--out", Out("trajectory-" + optimizer));
            Assert.True(code == 0, $"{optimizer}: {error}");
            Assert.Equal(1 + 11, File.ReadAllLines(Out("trajectory-" + optimizer + "/paths.csv")).Length);
        }
    }
}
