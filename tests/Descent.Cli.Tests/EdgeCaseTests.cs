using System.Diagnostics;
using System.Text.RegularExpressions;
using Descent.IO;

namespace Descent.Cli.Tests;

/// <summary>
/// What a new user meets at the edges, run as the real binary on real files: a diverged run keeps its figure, a
/// resume with other settings is refused by name, every failure is one line with its exit code (docs/errors.md).
/// </summary>
public sealed class EdgeCaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-edge-").FullName;

    public void Dispose()
    {
        if (!OperatingSystem.IsWindows())
        {
            foreach (string d in Directory.EnumerateDirectories(_dir, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(d, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        Directory.Delete(_dir, recursive: true);
    }

    private string In(string name) => Path.Combine(_dir, name);

    private (int Code, string Output, string Error) Descent(params string[] args) => DescentProcess.Run(_dir, args);

    private static void AssertFigure(string pathWithoutExtension)
    {
        Assert.True(File.Exists(pathWithoutExtension + ".png"), pathWithoutExtension + ".png is missing");
        string svg = File.ReadAllText(pathWithoutExtension + ".svg");
        // A diverged run's values reach 1E+37: no tick label may print them in forty digits.
        Assert.DoesNotMatch(new Regex(@"\d{12}"), svg.Replace(",", ""));
    }

    [Fact]
    public void ADivergedRunKeepsItsHistoryAndFigureAndSaysWhereItDiverged()
    {
        (int code, string output, string error) = Descent("train", "--task", "mtcars", "--optimizer", "sgd", "--lr", "10", "--epochs", "30", "--out", "div");
        Assert.True(code == 0, error);
        Assert.Equal("", error);
        Match m = Regex.Match(output, @"diverged at epoch (\d+)");
        Assert.True(m.Success, output);
        Assert.Contains("lower learning rate", output);
        string[] history = File.ReadAllLines(In("div/history.csv"));
        Assert.True(history.Length >= 2 && history.Length - 1 <= int.Parse(m.Groups[1].Value), string.Join('\n', history));
        AssertFigure(In("div/learning-curve"));
        // Progress lines and the summary print big numbers with an exponent, never dozens of digits.
        Assert.DoesNotMatch(new Regex(@"\d{12}"), output);
        Assert.Contains("loss", output.Split('\n').First(l => l.StartsWith("epoch 2/", StringComparison.Ordinal)));
    }

    [Fact]
    public void ADivergedComparisonKeepsItsFigure()
    {
        (int code, string output, string error) = Descent("compare", "--task", "mtcars", "--optimizer", "sgd", "--lr", "10,0.0001", "--epochs", "30",
            "--seeds", "1,2", "--out", "cmp");
        Assert.True(code == 0, error);
        Assert.Contains("diverged at epoch", output);
        Assert.True(File.Exists(In("cmp/curves.csv")));
        AssertFigure(In("cmp/compare"));
    }

    [Theory]
    [InlineData("--lr", "0.1")]
    [InlineData("--seed", "2")]
    [InlineData("--dropout", "0.3")]
    [InlineData("--batch-size", "8")]
    [InlineData("--validation", "0.2")]
    [InlineData("--neurons", "8")]
    [InlineData("--optimizer", "sgd")]
    [InlineData("--betas", "0.8,0.99")]
    [InlineData("--scheduler", "cosine")]
    [InlineData("--standardize", null)]
    [InlineData("--accumulate-batches", "3")]
    public void AResumeWithAnotherSettingIsRefusedByName(string option, string? value)
    {
        string[] common = ["train", "--task", "iris", "--neurons", "4", "--quiet", "--out", "run"];
        Assert.Equal(0, Descent([.. common, "--epochs", "2"]).Code);
        string[] changed = [.. common.Where((a, i) => a != option && (i == 0 || common[i - 1] != option)), option, .. value is null ? Array.Empty<string>() : [value]];
        string line = DescentProcess.AssertOneLineError(Descent([.. changed, "--epochs", "3", "--resume", "run/checkpoint.safetensors"]), 2);
        Assert.Contains(option + " ", line);
        if (value is not null)
        {
            Assert.Contains(value, line);
        }
        Assert.Equal(3, File.ReadAllLines(In("run/history.csv")).Length);
    }

    [Fact]
    public void AResumeMayGrowTheEpochsAndChangeTheOutput()
    {
        string[] common = ["train", "--task", "iris", "--neurons", "4", "--quiet", "--scheduler", "step", "--step-size", "2"];
        Assert.Equal(0, Descent([.. common, "--epochs", "2", "--out", "a"]).Code);
        (int code, _, string error) = Descent([.. common, "--epochs", "4", "--out", "b", "--resume", "a/checkpoint.safetensors"]);
        Assert.True(code == 0, error);
        Assert.Equal(5, File.ReadAllLines(In("b/history.csv")).Length);
    }

    [Fact]
    public void AShapeMismatchOnResumeNamesTheTensorInItsOneLine()
    {
        // A checkpoint that does not record its settings (as older ones) is still checked, by its shapes.
        var generator = new Generator(1);
        var network = new NN.Sequential(new NN.Linear(4, 4, generator: generator), new NN.ReLU(), new NN.Dropout(0.1, generator), new NN.Linear(4, 3, generator: generator));
        Training.RunCheckpoint.Save(In("old.safetensors"), network, new Optim.Adam(network.Parameters()), null, generator,
            new Training.RunProgress(1, 5, 1, new Dictionary<string, IReadOnlyDictionary<string, object?>>()));
        string line = DescentProcess.AssertOneLineError(
            Descent("train", "--task", "iris", "--neurons", "8", "--epochs", "2", "--quiet", "--out", "small", "--resume", "old.safetensors"), 1);
        Assert.Contains("size mismatch for 0.weight", line);
    }

    public static TheoryData<string, string, string[]> BadCsvFiles() => new()
    {
        { "a,b,y\n1,2,x\n3,4,z\n", "no target column", ["--target", "label"] },
        { "a,b,y\n1,q,x\n3,4,z\n", "not a number", ["--target", "y"] },
        { "a,b,y\n1,,x\n3,4,z\n", "missing value", ["--target", "y"] },
        { "a,b,y\n1,2,x\n3,4\n", "fields", ["--target", "y"] },
        { "", "empty", ["--target", "y"] },
        { "a,b,y\n", "no data rows", ["--target", "y"] },
        { "a,b,y\n1,2,x\n3,4,z\n", "positive class", ["--target", "y", "--positive", "w"] },
        { "a,b,y\n1,2,\n3,4,z\n", "missing target", ["--target", "y"] },
    };

    [Theory]
    [MemberData(nameof(BadCsvFiles))]
    public void EveryCsvErrorIsOneLineWithExitCode1(string content, string expected, string[] options)
    {
        File.WriteAllText(In("data.csv"), content);
        string line = DescentProcess.AssertOneLineError(Descent(["train", "--task", "data.csv", .. options, "--out", "never"]), 1);
        Assert.Contains(expected, line);
        Assert.False(Directory.Exists(In("never")), "a failed command left its output folder");
    }

    [Fact]
    public void VerboseKeepsTheStackTrace()
    {
        File.WriteAllText(In("data.csv"), "a,b,y\n1,q,x\n");
        (int code, _, string error) = Descent("train", "--task", "data.csv", "--target", "y", "--verbose");
        Assert.Equal(1, code);
        Assert.Contains("   at ", error);
    }

    [Fact]
    public void AnOutputUnderAFileIsOneLine()
    {
        File.WriteAllText(In("file"), "x");
        string line = DescentProcess.AssertOneLineError(Descent("train", "--task", "iris", "--epochs", "1", "--out", "file/run"), 1);
        Assert.Contains("is a file", line);
    }

    [Fact]
    public void AnUnwritableOutputIsOneLine()
    {
        if (Environment.UserName == "root" || OperatingSystem.IsWindows())
        {
            return; // root writes anywhere; the folder-under-a-file case covers the path through the same check
        }
        Directory.CreateDirectory(In("locked"));
        File.SetUnixFileMode(In("locked"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        string line = DescentProcess.AssertOneLineError(Descent("train", "--task", "iris", "--epochs", "1", "--out", "locked/run"), 1);
        Assert.Contains("cannot write", line);
    }

    [Fact]
    public void TheReportChecksItsOutputBeforeComputing()
    {
        File.WriteAllText(In("file"), "x");
        (int Code, string Output, string Error) result = Descent("report", "--out", "file/report.html");
        DescentProcess.AssertOneLineError(result, 1);
        Assert.DoesNotContain("trajectories", result.Output);
    }

    [Fact]
    public void CompareRejectsABadValueBeforeAnyFit()
    {
        (int Code, string Output, string Error) result = Descent("compare", "--task", "iris", "--lr", "0.01,-1", "--epochs", "1", "--out", "cmp");
        string line = DescentProcess.AssertOneLineError(result, 2);
        Assert.Contains("--lr", line);
        Assert.DoesNotContain("[1/", result.Output);
        Assert.False(Directory.Exists(In("cmp")));
    }

    [Fact]
    public void AFailedTrainLeavesNoEmptyFolder()
    {
        DescentProcess.AssertOneLineError(Descent("train", "--task", "iris", "--lr", "-1", "--out", "runs/new/deeper"), 2);
        Assert.False(Directory.Exists(In("runs")));
    }

    [Theory]
    [InlineData(new[] { "train", "--task", "iris", "--measures", "foo" }, "--measures", "(Parameter")]
    [InlineData(new[] { "train", "--task", "iris", "--scheduler", "step", "--step-size", "0" }, "--step-size", "stepSize")]
    [InlineData(new[] { "schedule", "--scheduler", "step", "--step-size", "0" }, "--step-size", "stepSize")]
    [InlineData(new[] { "demo", "--steps", "0" }, "--steps", "step  ")]
    public void ArgumentErrorsNameTheOptionAsTyped(string[] args, string named, string absent)
    {
        (int Code, string Output, string Error) result = Descent(args[0] == "demo" ? args : [.. args, "--out", "never"]);
        string line = DescentProcess.AssertOneLineError(result, 2);
        Assert.Contains(named, line);
        Assert.DoesNotContain(absent, line + result.Output);
    }

    [Theory]
    [InlineData("spam")]
    [InlineData("iris")]
    [InlineData("mtcars")]
    public void LrFindGivesAUsefulSuggestionOnEveryBuiltInTask(string task)
    {
        (int code, string output, string error) = Descent("lr-find", "--task", task, "--out", "lr");
        Assert.True(code == 0, error);
        Match m = Regex.Match(output, @"suggested learning rate: (\S+) \((\w+); (\d+) batches");
        Assert.True(m.Success, output);
        Assert.Equal("SteepestDescent", m.Groups[2].Value);
        double lr = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(lr, 1e-4, 1);
        Assert.True(int.Parse(m.Groups[3].Value) >= 50, output);
    }

    [Fact]
    public void ADivergingTrajectoryIsDrawnAndClipped()
    {
        (int code, _, string error) = Descent("trajectory", "--surface", "saddle", "--vary", "lr=0.1,3", "--steps", "60", "--out", "tr");
        Assert.True(code == 0, error);
        AssertFigure(In("tr/trajectory"));
        Assert.Contains("left the plotted region", File.ReadAllText(In("tr/trajectory.svg")));
        Assert.Contains("saddle point", File.ReadAllText(In("tr/trajectory.svg")));
    }

    [Fact]
    public async Task CtrlCInTheMiddleOfAnEpochKeepsOnlyWholeEpochs()
    {
        // Big enough that an epoch takes a while, so that the signal lands in the middle of one.
        string[] args = ["train", "--task", "spam", "--neurons", "512,512", "--batch-size", "8", "--epochs", "50", "--out", "int"];
        using Process p = DescentProcess.Start(_dir, args);
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        Task<string> error = p.StandardError.ReadToEndAsync();
        string checkpoint = In("int/checkpoint.safetensors");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(checkpoint) && clock.Elapsed < TimeSpan.FromSeconds(120) && !p.HasExited)
        {
            Thread.Sleep(20);
        }
        Thread.Sleep(300);
        Process.Start("kill", ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        Assert.True(p.WaitForExit(120_000), "descent did not stop after Ctrl-C");
        Assert.True(p.ExitCode == 130, $"exit code {p.ExitCode}: {await error}");
        int saved = int.Parse(SafeTensors.Load(checkpoint).Metadata["descent.epoch"], System.Globalization.CultureInfo.InvariantCulture);
        string[] history = File.ReadAllLines(In("int/history.csv"));
        Assert.Equal(saved, history.Length - 1);
        Assert.Contains($": {saved} epochs", await output);
    }

    [Fact]
    public void TheIgnoreFileLeavesOutRunsAndPackages()
    {
        string root = typeof(EdgeCaseTests).Assembly.Location;
        while (!File.Exists(Path.Combine(root, "Descent.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }
        string[] ignored = File.ReadAllLines(Path.Combine(root, ".gitignore"));
        Assert.Contains("runs/", ignored);
        Assert.Contains("nupkg/", ignored);
    }

    [Fact]
    public void ThePlotsReferenceNoOtherLayerAndOnlyTheCommandDrawsProgress()
    {
        string[] plots = typeof(Plots.Figure).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(plots, r => r.StartsWith("Descent.", StringComparison.Ordinal));
        string[] training = typeof(Training.MlpLearner).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain("Spectre.Console", training);
        Assert.Contains("Spectre.Console", typeof(DescentCommand).Assembly.GetReferencedAssemblies().Select(a => a.Name!));
    }
}
