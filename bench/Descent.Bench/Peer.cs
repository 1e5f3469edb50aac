using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Descent.Bench;

/// <summary>
/// Runs a PyTorch script of <c>bench/peer</c> as a subprocess and reads the one JSON object it prints. The peer runs
/// in the same harness run as Descent, so both see the same machine and the same load.
/// </summary>
internal sealed class Peer(BenchOptions options, TextWriter log)
{
    /// <summary>Whether the peer is to run at all.</summary>
    public bool Enabled => !options.NoPeer && RepoPaths.PeerScripts is not null;

    /// <summary>torch's version as the last successful script reported it.</summary>
    public string? TorchVersion { get; private set; }

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>; null when the peer is off or failed (logged).</summary>
    public JsonElement? Run(string script, params string[] arguments)
    {
        if (!Enabled)
        {
            return null;
        }
        var start = new ProcessStartInfo(options.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root!,
        };
        start.ArgumentList.Add(Path.Combine(RepoPaths.PeerScripts!, script));
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        // torch reads these at import; pin them so that set_num_threads alone decides.
        start.Environment["OMP_NUM_THREADS"] = BenchOptions.Threads.ToString(CultureInfo.InvariantCulture);
        start.Environment["MKL_NUM_THREADS"] = start.Environment["OMP_NUM_THREADS"];
        try
        {
            using Process process = Process.Start(start)!;
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                log.WriteLine($"  peer {script} failed (exit {process.ExitCode}): {Last(stderr.Result)}");
                return null;
            }
            JsonElement result = JsonDocument.Parse(stdout).RootElement.Clone();
            if (result.TryGetProperty("torch_version", out JsonElement version))
            {
                TorchVersion = version.GetString();
            }
            return result;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or JsonException or IOException)
        {
            log.WriteLine($"  peer {script} could not run: {e.Message}");
            return null;
        }
    }

    private static string Last(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? "(no output)" : lines[^1];
    }
}
