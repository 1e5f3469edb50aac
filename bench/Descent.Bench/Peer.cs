using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using static System.FormattableString;

namespace Descent.Bench;

/// <summary>
/// Runs a PyTorch script of <c>bench/peer</c> as a subprocess and reads the one JSON object it prints. The peer runs
/// in the same harness run as Descent, so both see the same machine and the same load.
/// </summary>
internal sealed class Peer(BenchOptions options, TextWriter log)
{
    /// <summary>Whether the peer is to run at all.</summary>
    public bool Enabled => !options.NoPeer && RepoPaths.PeerScripts is not null;

    /// <summary>Where Debian's <c>libopenblas0-pthread</c> puts its libblas.so.3.</summary>
    public const string OpenBlasDir = "/usr/lib/x86_64-linux-gnu/openblas-pthread";

    /// <summary>The peer's own settings of these are removed: they are set on these machines for old OpenBLAS builds
    /// and slow a current one (tests and CI keep them).</summary>
    public static readonly string[] UnsetForPeer = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"];

    /// <summary>torch's version as the last successful script reported it.</summary>
    public string? TorchVersion { get; private set; }

    /// <summary>The BLAS torch ran on (name, library path, thread count), as the last successful script reported it.</summary>
    public string? Blas { get; private set; }

    /// <summary>Whether torch ran on the reference BLAS, which makes every comparison with it unfair.</summary>
    public bool ReferenceBlas { get; private set; }

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
        start.Environment["OPENBLAS_NUM_THREADS"] = start.Environment["OMP_NUM_THREADS"];
        foreach (string name in UnsetForPeer)
        {
            start.Environment.Remove(name);
        }
        if (Directory.Exists(OpenBlasDir))
        {
            // OpenBLAS's libblas.so.3 first, whatever the system's alternative for libblas.so.3 is.
            string? path = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            start.Environment["LD_LIBRARY_PATH"] = string.IsNullOrEmpty(path) ? OpenBlasDir : $"{OpenBlasDir}:{path}";
        }
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
            if (result.TryGetProperty("blas", out JsonElement blas))
            {
                string name = blas.GetString() ?? "unknown";
                string path = result.TryGetProperty("blas_path", out JsonElement p) ? p.GetString() ?? "" : "";
                int threads = result.TryGetProperty("threads", out JsonElement t) ? t.GetInt32() : 0;
                Blas = Invariant($"{name} ({path}), {threads} threads, {string.Join(" and ", UnsetForPeer)} unset");
                ReferenceBlas = name == "reference BLAS";
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
