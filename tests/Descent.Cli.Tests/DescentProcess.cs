using System.Diagnostics;

namespace Descent.Cli.Tests;

/// <summary>The real <c>descent</c> binary as a separate process, with its exit code and both output streams.</summary>
internal static class DescentProcess
{
    /// <summary>Starts <c>descent</c> with <paramref name="args"/>, its output redirected.</summary>
    public static Process Start(string? workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }
        info.ArgumentList.Add(typeof(DescentCommand).Assembly.Location);
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }
        return Process.Start(info)!;
    }

    /// <summary>Runs <c>descent</c> to its end.</summary>
    public static (int Code, string Output, string Error) Run(string? workingDirectory, params string[] args)
    {
        using Process p = Start(workingDirectory, args);
        Task<string> error = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, error.Result);
    }

    /// <summary>Asserts what every failure must look like: the code, and one line on stderr without a stack trace.</summary>
    public static string AssertOneLineError((int Code, string Output, string Error) result, int code)
    {
        Assert.True(result.Code == code, $"exit code {result.Code}, expected {code}; stderr: {result.Error}");
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"stderr has {lines.Length} lines: {result.Error}");
        Assert.StartsWith("descent: error: ", lines[0]);
        Assert.DoesNotContain("Unhandled exception", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        return lines[0];
    }
}
