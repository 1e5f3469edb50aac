namespace Descent.Cli.Tests;

/// <summary>The optimizers beyond PyTorch 1.13 from the command line: three betas for AdEMAMix, and the refusals.</summary>
public sealed class ModernOptimizerCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-modern-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Output, string Error) Descent(params string[] args) => DescentProcess.Run(_dir, args);

    [Fact]
    public void AdEMAMixTakesThreeBetasAndAdamRefusesThem()
    {
        (int code, _, string error) = Descent("train", "--task", "iris", "--optimizer", "ademamix", "--betas", "0.9,0.999,0.999",
            "--alpha", "3", "--epochs", "2", "--neurons", "8", "--quiet", "--out", Path.Combine(_dir, "ademamix"));
        Assert.True(code == 0, error);
        Assert.True(File.Exists(Path.Combine(_dir, "ademamix", "checkpoint.safetensors")));

        (code, _, error) = Descent("train", "--task", "iris", "--optimizer", "adam", "--betas", "0.9,0.99,0.999", "--epochs", "1",
            "--quiet", "--out", Path.Combine(_dir, "adam"));
        Assert.Equal(2, code);
        Assert.Contains("betas", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void AnInvalidHyperparameterIsReportedByItsFlag()
    {
        (int code, _, string error) = Descent("train", "--task", "iris", "--optimizer", "schedulefree_sgd", "--momentum", "1",
            "--epochs", "1", "--quiet", "--out", Path.Combine(_dir, "sgd"));
        Assert.Equal(2, code);
        Assert.Contains("--momentum", error);
        Assert.Contains("Momentum must be between 0 and 1 exclusive", error);
    }
}
