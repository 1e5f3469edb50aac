using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Descent.Distributed;
using StackExchange.Redis;

namespace Descent.Distributed.Tests;

/// <summary>
/// A real <c>redis-server</c> for one test: on a free loopback port, with its data in a temporary folder, append-only
/// persistence fsynced on every write, stopped and removed on dispose. Extra configuration lines (a password, an ACL
/// user, TLS) go into its config file.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private const string Binary = "/usr/bin/redis-server";
    private readonly string[] _config;
    private Process? _process;

    public RedisServer(params string[] config)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install it with 'apt-get install redis-server' (.ci/run does).");
        }
        Folder = Directory.CreateTempSubdirectory("descent-redis-").FullName;
        Port = FreePort();
        _config = config;
        Start();
    }

    /// <summary>The port the server listens on (the TLS port when the config says so).</summary>
    public int Port { get; }

    /// <summary>The server's data folder.</summary>
    public string Folder { get; }

    /// <summary><c>redis://127.0.0.1:PORT</c>.</summary>
    public string Url => $"redis://127.0.0.1:{Port}";

    /// <summary>Starts the server (again, on the same port and data, after <see cref="Kill"/>).</summary>
    public void Start()
    {
        bool tls = _config.Any(l => l.StartsWith("tls-", StringComparison.Ordinal));
        string[] lines =
        [
            "bind 127.0.0.1",
            tls ? "port 0" : $"port {Port}",
            tls ? $"tls-port {Port}" : "",
            $"dir {Folder}",
            "appendonly yes",
            "appendfsync always",
            "save \"\"",
            "protected-mode no",
            .. _config,
        ];
        string file = Path.Combine(Folder, "redis.conf");
        File.WriteAllLines(file, lines);
        var info = new ProcessStartInfo(Binary, file) { RedirectStandardOutput = true, RedirectStandardError = true };
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var watch = Stopwatch.StartNew();
        while (!Listening())
        {
            if (_process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port} (log in {Folder}).");
            }
            Thread.Sleep(20);
        }
    }

    /// <summary>Kills the server with SIGKILL: no shutdown, no final save; only what the append-only file holds survives.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit();
        }
    }

    /// <summary>A client connection (plain, without credentials) for the test to look at the keys.</summary>
    public ConnectionMultiplexer Connect(string? url = null) =>
        ConnectionMultiplexer.Connect(RedisAddress.Parse(url ?? Url).Options(), TextWriter.Null);

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the temporary folder is left behind, nothing worse.
        }
    }

    private bool Listening()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
