using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Descent.Explorer.Tests;

/// <summary>The real <c>descent explore --port 0 --no-browser</c> as a separate process, and the address it serves.</summary>
public sealed partial class ExplorerServer : IDisposable
{
    private readonly Process _process;

    public ExplorerServer()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Descent);
        foreach (string a in new[] { "explore", "--port", "0", "--no-browser" })
        {
            info.ArgumentList.Add(a);
        }
        _process = Process.Start(info)!;
        Task<string?> line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(30)) || line.Result is null || UrlPattern().Match(line.Result) is not { Success: true } m)
        {
            string error = _process.HasExited ? _process.StandardError.ReadToEnd() : "no address within 30 s";
            Dispose();
            throw new InvalidOperationException($"descent explore did not start: {error}");
        }
        Url = m.Value;
    }

    /// <summary>descent.dll, copied beside the tests with the explorer's site.</summary>
    public static string Descent => Path.Combine(AppContext.BaseDirectory, "descent.dll");

    /// <summary>The address served, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public string Url { get; }

    /// <summary>Runs <c>descent</c> to its end.</summary>
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Descent);
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }
        using Process p = Process.Start(info)!;
        Task<string> error = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, error.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex UrlPattern();
}
