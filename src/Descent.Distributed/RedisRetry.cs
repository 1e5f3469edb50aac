using System.Net.Sockets;
using StackExchange.Redis;

namespace Descent.Distributed;

/// <summary>
/// Runs a Redis operation until it succeeds while the server is out of reach, waiting longer after each failure
/// (50 ms doubling up to 2 s, with jitter so that many workers do not return in step), and gives up after a time
/// limit. A refused password is not retried: waiting would not change it.
/// </summary>
public sealed class RedisRetry
{
    private static readonly TimeSpan s_firstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_longestDelay = TimeSpan.FromSeconds(2);
    private readonly RedisAddress _address;
    private readonly TimeSpan _giveUpAfter;
    private readonly Action<string>? _log;

    /// <summary>Creates the policy.</summary>
    /// <param name="address">The server, named in messages.</param>
    /// <param name="giveUpAfter">How long to keep trying one operation.</param>
    /// <param name="log">Told once when Redis is lost and once when it is back.</param>
    public RedisRetry(RedisAddress address, TimeSpan giveUpAfter, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        _address = address;
        _giveUpAfter = giveUpAfter;
        _log = log;
    }

    /// <summary>Runs <paramref name="operation"/>, retrying while Redis cannot be reached.</summary>
    /// <exception cref="IOException">Redis stayed out of reach for the whole time limit, or refused the credentials.</exception>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        DateTime start = DateTime.UtcNow;
        TimeSpan delay = s_firstDelay;
        bool lost = false;
        while (true)
        {
            try
            {
                T value = await operation().ConfigureAwait(false);
                if (lost)
                {
                    _log?.Invoke($"Redis at {_address} is back");
                }
                return value;
            }
            catch (Exception e) when (IsTransient(e))
            {
                if (IsRefusedCredentials(e))
                {
                    throw new IOException($"Redis at {_address} refused the user name or password.", e);
                }
                string reason = _address.Scrub(Reason(e.Message));
                if (DateTime.UtcNow - start > _giveUpAfter)
                {
                    throw new IOException($"Redis at {_address} could not be reached for {_giveUpAfter.TotalSeconds:F0} s ({reason}).", e);
                }
                if (!lost)
                {
                    _log?.Invoke($"Redis at {_address} is out of reach ({reason}); retrying with backoff for up to {_giveUpAfter.TotalSeconds:F0} s");
                    lost = true;
                }
                double jitter = 0.75 + (0.5 * Random.Shared.NextDouble());
                await Task.Delay(delay * jitter, cancellation).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_longestDelay.Ticks));
            }
        }
    }

    /// <summary>Runs <paramref name="operation"/>, retrying while Redis cannot be reached.</summary>
    public Task RunAsync(Func<Task> operation, CancellationToken cancellation = default) =>
        RunAsync(async () =>
        {
            await operation().ConfigureAwait(false);
            return true;
        }, cancellation);

    /// <summary>Failures that a later attempt may not meet: no connection, a timeout, a server still loading its data.</summary>
    internal static bool IsTransient(Exception e) => e switch
    {
        RedisConnectionException or RedisTimeoutException or SocketException or TimeoutException => true,
        RedisServerException s => s.Message.StartsWith("LOADING", StringComparison.Ordinal) || s.Message.StartsWith("BUSY", StringComparison.Ordinal)
            || IsRefusedCredentials(s),
        _ => false,
    };

    private static bool IsRefusedCredentials(Exception e) =>
        e.Message.Contains("AuthenticationFailure", StringComparison.Ordinal) || e.Message.Contains("WRONGPASS", StringComparison.Ordinal)
        || e.Message.Contains("NOAUTH", StringComparison.Ordinal) || e.Message.Contains("NOPERM", StringComparison.Ordinal);

    /// <summary>The client's message up to its first detail (its messages go on with pages of connection diagnostics).</summary>
    private static string Reason(string message)
    {
        string line = message.Split('\n')[0];
        int end = new[] { line.IndexOf(" - ", StringComparison.Ordinal), line.IndexOf(';', StringComparison.Ordinal), line.IndexOf(" (", StringComparison.Ordinal) }
            .Where(i => i > 0).DefaultIfEmpty(line.Length).Min();
        return line[..Math.Min(end, 160)].Trim().TrimEnd(':', '.');
    }
}
