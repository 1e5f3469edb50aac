using System.CommandLine;
using Descent.Distributed;
using StackExchange.Redis;

namespace Descent.Cli.Arguments;

/// <summary><c>--redis</c>, <c>--study</c>, <c>--redis-ca</c> and <c>--retry-for</c>: where a study lives.</summary>
internal sealed class RedisArguments
{
    public Option<string?> Redis { get; } = new("--redis")
    {
        Description = "The Redis server of the study: redis://[user:password@]host[:port][/db], or rediss://… for TLS.",
    };

    public Option<string?> Study { get; } = new("--study") { Description = "The study's name (letters, digits, '-', '_', '.')." };

    public Option<string?> Ca { get; } = new("--redis-ca") { Description = "A PEM certificate to trust for rediss:// (a private CA or a self-signed server)." };

    public Option<double> RetryFor { get; } = new("--retry-for")
    {
        Description = "Seconds to keep retrying while Redis is out of reach before giving up.",
        DefaultValueFactory = _ => 300,
    };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Redis, Study, Ca, RetryFor })
        {
            command.Options.Add(o);
        }
    }

    /// <summary>Connects to the study's server; the address as given, its password never printed.</summary>
    /// <exception cref="ArgumentException">No --redis or --study, or a bad address.</exception>
    public StudyConnection Connect(ParseResult parse, Action<string>? log = null)
    {
        string url = parse.GetValue(Redis) ?? throw new ArgumentException("--redis: give the study's server, e.g. redis://localhost:6379.");
        string study = parse.GetValue(Study) ?? throw new ArgumentException("--study: give the study's name.");
        RedisAddress address = RedisAddress.Parse(url);
        double retryFor = parse.GetValue(RetryFor);
        if (!(retryFor >= 0))
        {
            throw new ArgumentException($"--retry-for must be a number of seconds, got {retryFor}.");
        }
        string? ca = parse.GetValue(Ca);
        if (ca is not null && !File.Exists(ca))
        {
            throw new FileNotFoundException($"--redis-ca: '{ca}' does not exist.");
        }
        ConnectionMultiplexer connection = ConnectionMultiplexer.Connect(address.Options(ca), TextWriter.Null);
        IDatabase db = connection.GetDatabase();
        // One round trip now, so that a wrong password or an unreachable server is reported, in one line, before any
        // work; once connected, losing Redis is logged as it happens. While the first round trip waits, a person at a
        // terminal is told why nothing happens (a script reads only the one line at the end).
        Action<string>? waiting = Console.IsErrorRedirected ? null : log;
        new RedisRetry(address, TimeSpan.FromSeconds(retryFor), waiting).RunAsync(() => db.PingAsync()).GetAwaiter().GetResult();
        var retry = new RedisRetry(address, TimeSpan.FromSeconds(retryFor), log);
        return new StudyConnection(address, connection, new StudyStore(db, study, retry), new TaskStore(db, retry));
    }
}
