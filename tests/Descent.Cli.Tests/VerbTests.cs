using System.Xml.Linq;

namespace Descent.Cli.Tests;

/// <summary>Every verb end to end on small settings: files written, valid figures, CSVs of the expected shape.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class VerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out(string name) => Path.Combine(_dir, name);

    private static void AssertFigure(string pathWithoutExtension)
    {
        byte[] png = File.ReadAllBytes(pathWithoutExtension + ".png");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        XDocument svg = XDocument.Load(pathWithoutExtension + ".svg");
        Assert.Equal("svg", svg.Root!.Name.LocalName);
    }

    private static string[][] ReadCsv(string path) =>
        File.ReadAllLines(path).Select(l => l.Split(',')).ToArray();

    [Fact]
    public void TrainWritesHistoryFigureAndCheckpointAndPrintsTheMeasures()
    {
        (int code, string output, string error) = ConsoleCapture.Run("train", "--task", "iris", "--epochs", "3", "--neurons", "8",
            "--validation", "0.2", "--optimizer", "adamw", "--lr", "0.01", "--betas", "0.9,0.99", "--scheduler", "cosine", "--quiet", "--out", Out("train"));
        Assert.True(code == 0, error);
        string[][] history = ReadCsv(Out("train/history.csv"));
        Assert.Equal(["epoch", "train.classif.logloss", "train.classif.acc", "valid.classif.logloss", "valid.classif.acc"], history[0]);
        Assert.Equal(4, history.Length);
        AssertFigure(Out("train/learning-curve"));
        Assert.True(File.Exists(Out("train/checkpoint.safetensors")));
        Assert.Contains("classif.logloss", output);
    }

    [Fact]
    public void CompareDrawsOneCurvePerConfiguration()
    {
        (int code, _, string error) = ConsoleCapture.Run("compare", "--task", "iris", "--lr", "0.01,0.001", "--seeds", "1,2", "--epochs", "2",
            "--neurons", "4", "--out", Out("compare"));
        Assert.True(code == 0, error);
        string[][] rows = ReadCsv(Out("compare/curves.csv"));
        Assert.Equal(["configuration", "seed", "epoch", "train.classif.logloss"], rows[0]);
        Assert.Equal(1 + 2 * 2 * 2, rows.Length);
        AssertFigure(Out("compare/compare"));
    }

    [Fact]
    public void TrajectoryDrawsOnePathPerValue()
    {
        (int code, _, string error) = ConsoleCapture.Run("trajectory", "--surface", "rosenbrock", "--optimizer", "adam", "--vary", "beta1=0.5,0.9",
            "--lr", "0.05", "--steps", "20", "--out", Out("trajectory"));
        Assert.True(code == 0, error);
        string[][] rows = ReadCsv(Out("trajectory/paths.csv"));
        Assert.Equal(["path", "step", "x", "y", "loss"], rows[0]);
        Assert.Equal(1 + 2 * 21, rows.Length);
        AssertFigure(Out("trajectory/trajectory"));
    }

    [Fact]
    public void TrajectoryStartsWhereToldOnTheQuadraticOfTheConditionGiven()
    {
        (int code, _, string error) = ConsoleCapture.Run("trajectory", "--surface", "quadratic", "--condition", "4", "--optimizer", "sgd", "--lr", "0.1",
            "--scheduler", "step", "--step-size", "5", "--gamma", "0.5", "--start=-2,1", "--steps", "10", "--out", Out("trajectory-start"));
        Assert.True(code == 0, error);
        string[][] rows = ReadCsv(Out("trajectory-start/paths.csv"));
        Assert.Equal(["-2", "1"], rows[1][2..4]);
        // SGD on (x² + 4y²)/2: y ← y(1 − 4·lr) with lr 0.1 for five steps, then 0.05.
        double y = double.Parse(rows[^1][3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.Pow(0.6, 5) * Math.Pow(0.8, 5), y, 5);
    }

    [Fact]
    public void ScheduleWritesTheRateAndTheCycledMomentum()
    {
        (int code, _, string error) = ConsoleCapture.Run("schedule", "--scheduler", "onecycle", "--steps", "50", "--out", Out("schedule"));
        Assert.True(code == 0, error);
        string[][] rows = ReadCsv(Out("schedule/schedule.csv"));
        Assert.Equal(["step", "lr", "momentum"], rows[0]);
        Assert.Equal(51, rows.Length);
        AssertFigure(Out("schedule/schedule"));
    }

    [Fact]
    public void LrFindSuggestsALearningRate()
    {
        (int code, string output, string error) = ConsoleCapture.Run("lr-find", "--task", "iris", "--neurons", "8", "--iterations", "40", "--out", Out("lr"));
        Assert.True(code == 0, error);
        Assert.Contains("suggested learning rate", output);
        Assert.Equal(["lr", "loss", "smoothed_loss"], ReadCsv(Out("lr/lr-find.csv"))[0]);
        AssertFigure(Out("lr/lr-find"));
    }

    [Fact]
    public void TunePrintsALeaderboard()
    {
        (int code, string output, string error) = ConsoleCapture.Run("tune", "--task", "iris", "--epochs", "2", "--neurons", "4", "--evals", "2", "--folds", "2");
        Assert.True(code == 0, error);
        Assert.Contains("rank", output);
        Assert.Contains("best: lr = ", output);
    }

    [Fact]
    public void TheReportIsOneSelfContainedPage()
    {
        (int code, _, string error) = ConsoleCapture.Run("report", "--epochs", "1", "--seeds", "1", "--race-seeds", "2", "--out", Out("report.html"));
        Assert.True(code == 0, error);
        string html = File.ReadAllText(Out("report.html"));
        Assert.Contains("<svg", html);
        Assert.Contains("AdamW state dict", html);
        // The race shows each modern optimizer the registry knows, and only those.
        Assert.Contains("Spam: modern optimizers", html);
        foreach (string name in new[] { "adamw", "adafactor", "muon", "lion", "lamb", "lars", "schedulefree_adamw", "adopt", "ademamix", "prodigy" })
        {
            Assert.Equal(Descent.Optim.OptimizerRegistry.Contains(name), System.Text.RegularExpressions.Regex.IsMatch(html, $@">\s*{name}\s*<"));
        }
        foreach (string external in new[] { "http://", "https://", "src=\"//", "<link", "<script src" })
        {
            // Links to the local explorer are links, not loads.
            Assert.DoesNotContain(external, html.Replace("http://www.w3.org/", "", StringComparison.Ordinal).Replace("<a href=\"http://127.0.0.1:5080/", "<a href=\"", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("train", "--optimizer", "adamm")]
    [InlineData("train", "--lr", "-1", "--epochs", "1")]
    [InlineData("train", "--task", "/no/such/file.csv", "--target", "y")]
    [InlineData("train", "--task", "iris", "--measures", "nonsense")]
    [InlineData("trajectory", "--vary", "gamma=1,2")]
    [InlineData("trajectory", "--surface", "himmelblau")]
    [InlineData("trajectory", "--surface", "beale", "--condition", "4")]
    [InlineData("trajectory", "--surface", "quadratic", "--condition", "0.5")]
    [InlineData("trajectory", "--start", "1")]
    [InlineData("schedule", "--scheduler", "bogus")]
    [InlineData("compare", "--seeds", "x")]
    public void WrongArgumentsGiveOneLineAndANonZeroExitCode(params string[] args)
    {
        (int code, _, string error) = ConsoleCapture.Run([.. args, "--out", Out("bad")]);
        Assert.NotEqual(0, code);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("descent: error: ", lines[0]);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void AnUnknownTargetColumnIsNamed()
    {
        string csv = Out("data.csv");
        File.WriteAllText(csv, "a,b,y\n1,2,x\n3,4,z\n5,6,x\n");
        (int code, _, string error) = ConsoleCapture.Run("train", "--task", csv, "--target", "label", "--out", Out("bad"));
        Assert.NotEqual(0, code);
        Assert.Contains("no target column 'label'", error);
    }
}
