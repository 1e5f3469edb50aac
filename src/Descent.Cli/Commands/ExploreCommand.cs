using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent explore</c>: serves the optimizer explorer (the Descent.Explorer site, published beside this program)
/// on a loopback port until interrupted, and opens it in a browser unless <c>--no-browser</c>.
/// </summary>
internal static class ExploreCommand
{
    /// <summary>The port served on unless <c>--port</c> says otherwise.</summary>
    public const int DefaultPort = 5080;

    /// <summary>The folder beside the program that holds the published site.</summary>
    public static string SiteFolder => Path.Combine(AppContext.BaseDirectory, "explorer");

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = $"The port on 127.0.0.1 to serve on (0: any free port).", DefaultValueFactory = _ => DefaultPort };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Only serve; do not open a browser." };
        var command = new Command("explore", "Serve the interactive optimizer explorer on this machine and open it in a browser.") { port, noBrowser };
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            int p = parse.GetValue(port);
            if (p is < 0 or > 65535)
            {
                throw new ArgumentException($"--port must be from 0 to 65535, got {p}.");
            }
            if (!File.Exists(Path.Combine(SiteFolder, "index.html")))
            {
                throw new IOException($"the explorer's site is missing from {SiteFolder}; build Descent.Cli again to publish it there.");
            }
            using var stop = new ManualResetEventSlim();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Set();
            };
            using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Set();
            });
            using StaticSite site = StaticSite.Start(SiteFolder, p);
            Console.WriteLine($"serving the optimizer explorer at {site.Url} (Ctrl+C to stop)");
            if (!parse.GetValue(noBrowser))
            {
                Open(site.Url);
            }
            stop.Wait();
            return 0;
        }));
        return command;
    }

    private static void Open(string url)
    {
        try
        {
            using Process? _ = Process.Start(new ProcessStartInfo(url) { UseShellExecute = true });
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            Console.WriteLine($"could not open a browser ({e.Message}); open {url} yourself.");
        }
    }
}
