namespace Descent.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public sealed class DemoCommandTests
{
    [Fact]
    public void DemoPrintsOneLinePerStepAndExitsZero()
    {
        (int code, string output, _) = ConsoleCapture.Run("demo", "--steps", "4");

        Assert.Equal(0, code);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(" step", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("    4", lines[4]);
        Assert.Contains("true line", lines[5]);
    }

    [Theory]
    [InlineData("demo", "--lr", "-1")]
    [InlineData("demo", "--steps", "abc")]
    [InlineData("frobnicate")]
    public void BadArgumentsGiveOneLineAndExitCodeTwo(params string[] args)
    {
        (int code, string output, string error) = ConsoleCapture.Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("descent: error: ", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", error);
        Assert.Equal("", output.Trim());
    }
}
