using Descent.Optim;

namespace Descent.Cli.Tests;

/// <summary>
/// <c>trajectory</c> and <c>compare</c> with every name the registry knows, so that an optimizer is drawn and
/// raced from the command line as soon as it is registered.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class EveryOptimizerVerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-every-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Names() => [.. OptimizerRegistry.Names.Select(n => n.ToLowerInvariant())];

    [Theory]
    [MemberData(nameof(Names))]
    public void TrajectoryDrawsAPathForEachOptimizer(string name)
    {
        string dir = Path.Combine(_dir, name);
        (int code, string output, string error) = ConsoleCapture.Run("trajectory", "--surface", "quadratic", "--optimizer", name, "--steps", "10", "--out", dir);

        Assert.True(code == 0, $"{name}: {error}");
        string[] rows = File.ReadAllLines(Path.Combine(dir, "paths.csv"));
        Assert.Equal(1 + 11, rows.Length);
        Assert.Contains($"{name} defaults: ends at", output);
        Assert.True(File.Exists(Path.Combine(dir, "trajectory.svg")));
    }

    [Fact]
    public void CompareRacesEveryOptimizerAtOnce()
    {
        string[] names = [.. OptimizerRegistry.Names.Select(n => n.ToLowerInvariant())];
        string dir = Path.Combine(_dir, "compare");
        (int code, _, string error) = ConsoleCapture.Run("compare", "--task", "iris", "--optimizer", string.Join(',', names),
            "--seeds", "1", "--epochs", "1", "--neurons", "4", "--out", dir);

        Assert.True(code == 0, error);
        string[] configurations = File.ReadAllLines(Path.Combine(dir, "curves.csv")).Skip(1)
            .Select(l => l.StartsWith('"') ? l[1..l.IndexOf('"', 1)] : l.Split(',')[0]).Distinct().ToArray();
        Assert.Equal(names.Select(n => $"{n}, default lr"), configurations);
    }
}
