using System.Security.Cryptography;
using Descent.Cli.Tests;
using StackExchange.Redis;

namespace Descent.Distributed.Tests;

/// <summary>Passwords, ACL users, TLS and CSV tasks, through the real command line.</summary>
public sealed class ConnectionTests
{
    private static readonly string[] s_tiny = ["--task", "iris", "--trials", "2", "--epochs", "2", "--neurons", "8", "--folds", "2"];

    [Fact]
    public void AnAclUserAndThePasswordOfTheDefaultUserWorkAndNoPasswordIsPrinted()
    {
        using var server = new RedisServer("requirepass topsecret", "user alice on >s3cret ~* &* +@all");
        string alice = $"redis://alice:s3cret@127.0.0.1:{server.Port}";
        var tuned = DescentProcess.Run(null, ["tune", .. s_tiny, "--redis", alice, "--study", "auth", "--workers", "1"]);
        Assert.True(tuned.Code == 0, tuned.Error);
        Assert.Contains($"study auth on redis://alice:***@127.0.0.1:{server.Port}", tuned.Output);
        Assert.Contains("done 2, failed 0", tuned.Output);

        var status = DescentProcess.Run(null, "tune", "--redis", $"redis://:topsecret@127.0.0.1:{server.Port}", "--study", "auth", "--status");
        Assert.True(status.Code == 0, status.Error);
        Assert.Equal(LeaderboardText.Rows(tuned.Output), LeaderboardText.Rows(status.Output));
        Assert.Equal(3, LeaderboardText.Rows(status.Output).Count);

        var wrong = DescentProcess.Run(null, "tune", "--redis", $"redis://alice:wrong-guess@127.0.0.1:{server.Port}", "--study", "auth", "--status", "--retry-for", "20");
        string line = DescentProcess.AssertOneLineError(wrong, 1);
        Assert.Contains("refused the user name or password", line);
        var none = DescentProcess.Run(null, "tune", "--redis", server.Url, "--study", "auth", "--status", "--retry-for", "20");
        Assert.Contains("refused the user name or password", DescentProcess.AssertOneLineError(none, 1));
        foreach (string text in new[] { tuned.Output, tuned.Error, status.Output, status.Error, wrong.Error, none.Error })
        {
            Assert.DoesNotContain("s3cret", text);
            Assert.DoesNotContain("topsecret", text);
            Assert.DoesNotContain("wrong-guess", text);
        }
    }

    [Fact]
    public void RedissWorksWithTheServersCertificateAndFailsInOneLineWithoutIt()
    {
        string folder = Directory.CreateTempSubdirectory("descent-tls-").FullName;
        try
        {
            (string certificate, string key) = SelfSignedCertificate.Write(folder);
            using var server = new RedisServer($"tls-cert-file {certificate}", $"tls-key-file {key}", $"tls-ca-cert-file {certificate}", "tls-auth-clients no");
            string url = $"rediss://127.0.0.1:{server.Port}";
            var tuned = DescentProcess.Run(null, ["tune", .. s_tiny, "--redis", url, "--study", "tls", "--redis-ca", certificate, "--workers", "1"]);
            Assert.True(tuned.Code == 0, tuned.Error);
            Assert.Contains($"study tls on rediss://127.0.0.1:{server.Port}", tuned.Output);
            Assert.Contains("done 2, failed 0", tuned.Output);

            // Plain text to the TLS port gets nowhere, nor does TLS without trusting the self-signed certificate.
            var untrusted = DescentProcess.Run(null, "tune", "--redis", url, "--study", "tls", "--status", "--retry-for", "1");
            Assert.Contains("could not be reached", DescentProcess.AssertOneLineError(untrusted, 1));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ACsvTaskTravelsByItsHashStoredOnceAndScoresAsASerialRun()
    {
        string folder = Directory.CreateTempSubdirectory("descent-csv-").FullName;
        string elsewhere = Directory.CreateTempSubdirectory("descent-worker-").FullName;
        try
        {
            string csv = Path.Combine(folder, "points.csv");
            var rows = Enumerable.Range(0, 80).Select(i => $"{i % 9 * 0.5},{i % 7 - 3},{(i % 9 * 0.5 + (i % 7) > 4 ? "yes" : "no")}");
            File.WriteAllLines(csv, ["a,b,label", .. rows]);
            string[] study = ["--task", "points.csv", "--target", "label", "--positive", "yes", "--trials", "3", "--epochs", "3", "--neurons", "4", "--folds", "2"];
            using var server = new RedisServer();
            var serial = DescentProcess.Run(folder, ["tune", .. study]);
            Assert.True(serial.Code == 0, serial.Error);
            foreach (string name in new[] { "csv1", "csv2" })
            {
                var enqueued = DescentProcess.Run(folder, ["tune", .. study, "--redis", server.Url, "--study", name, "--enqueue-only"]);
                Assert.True(enqueued.Code == 0, enqueued.Error);
            }
            // The worker runs where the file is not.
            var worker = DescentProcess.Run(elsewhere, "worker", "--redis", server.Url, "--study", "csv1");
            Assert.True(worker.Code == 0, worker.Error);
            Assert.Contains("3 trials run", worker.Output);
            var status = DescentProcess.Run(elsewhere, "tune", "--redis", server.Url, "--study", "csv1", "--status");
            Assert.Equal(LeaderboardText.Rows(serial.Output), LeaderboardText.Rows(status.Output));

            using ConnectionMultiplexer admin = server.Connect();
            RedisKey[] tasks = admin.GetServer(admin.GetEndPoints()[0]).Keys(pattern: "descent:task:*").ToArray();
            string hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(csv)));
            Assert.Equal([$"descent:task:{hash}"], tasks.Select(k => k.ToString()));
            Assert.Equal(await File.ReadAllBytesAsync(csv), (byte[])(await admin.GetDatabase().StringGetAsync(tasks[0]))!);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
