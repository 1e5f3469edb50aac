using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using StackExchange.Redis;

namespace Descent.Distributed;

/// <summary>
/// Where a study lives: <c>redis://[user:password@]host[:port][/db]</c>, or <c>rediss://…</c> for TLS. The password is
/// kept out of <see cref="ToString"/>, so that addresses can be printed and logged.
/// </summary>
public sealed class RedisAddress
{
    private readonly string? _password;

    private RedisAddress(bool tls, string host, int port, string? user, string? password, int database)
    {
        Tls = tls;
        Host = host;
        Port = port;
        User = user;
        _password = password;
        Database = database;
    }

    /// <summary>Whether the connection uses TLS (<c>rediss://</c>).</summary>
    public bool Tls { get; }

    /// <summary>The server's host name or address.</summary>
    public string Host { get; }

    /// <summary>The server's port (6379 by default).</summary>
    public int Port { get; }

    /// <summary>The ACL user name, if given.</summary>
    public string? User { get; }

    /// <summary>Whether a password is given.</summary>
    public bool HasPassword => _password is not null;

    /// <summary>The logical database.</summary>
    public int Database { get; }

    /// <summary>Reads an address.</summary>
    /// <exception cref="ArgumentException">Not a <c>redis://</c> or <c>rediss://</c> address, or a bad port or database; the message never holds the password.</exception>
    public static RedisAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        bool tls = text.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase);
        if (!tls && !text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{Redact(text)}' is not a Redis address; expected redis://[user:password@]host[:port] or rediss://… for TLS.");
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || uri.Host.Length == 0)
        {
            throw new ArgumentException($"'{Redact(text)}' is not a valid Redis address (expected redis://[user:password@]host[:port]).");
        }
        string? user = null;
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            string[] parts = uri.UserInfo.Split(':', 2);
            // redis://:password@host is the password-only form of the default user.
            user = parts[0].Length > 0 ? Uri.UnescapeDataString(parts[0]) : null;
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }
        int database = 0;
        string path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0 && (!int.TryParse(path, out database) || database < 0))
        {
            throw new ArgumentException($"'{Redact(text)}': the path must be a database number, got '{path}'.");
        }
        int port = uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port;
        return new RedisAddress(tls, uri.Host.Trim('[', ']'), port, user, password, database);
    }

    /// <summary>The client's settings; <paramref name="caFile"/> names a PEM certificate to trust for TLS besides the system's.</summary>
    public ConfigurationOptions Options(string? caFile = null)
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { { Host, Port } },
            User = User,
            Password = _password,
            Ssl = Tls,
            SslHost = Tls ? Host : null,
            DefaultDatabase = Database,
            // Connect in the background and keep reconnecting: a worker started before Redis, or one that loses it,
            // waits for it instead of failing.
            AbortOnConnectFail = false,
            ConnectTimeout = 5000,
            SyncTimeout = 10000,
            AsyncTimeout = 10000,
            ClientName = "descent",
            // Fail at once while disconnected; RedisRetry waits and tries again with backoff.
            BacklogPolicy = BacklogPolicy.FailFast,
            // Reconnect every quarter second rather than backing off exponentially, so a restarted server is found soon.
            ReconnectRetryPolicy = new LinearRetry(250),
        };
        if (Tls && caFile is not null)
        {
            X509Certificate2 ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
            options.CertificateValidation += (_, certificate, _, errors) => Trusts(ca, certificate, errors);
        }
        return options;
    }

    /// <summary>Hides the password in <paramref name="text"/> wherever it appears (exception messages quote configurations).</summary>
    public string Scrub(string text) =>
        _password is { Length: > 0 } p ? text.Replace(p, "***", StringComparison.Ordinal) : text;

    /// <inheritdoc/>
    public override string ToString()
    {
        string credentials = (User, HasPassword) switch
        {
            (null, false) => "",
            (null, true) => ":***@",
            (string u, false) => u + "@",
            (string u, true) => u + ":***@",
        };
        string host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        return $"{(Tls ? "rediss" : "redis")}://{credentials}{host}:{Port}{(Database != 0 ? "/" + Database : "")}";
    }

    private static bool Trusts(X509Certificate2 ca, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(presented));
    }

    /// <summary>The text with anything between <c>://</c> and <c>@</c> replaced, for messages about addresses that did not parse.</summary>
    private static string Redact(string text)
    {
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        int at = text.LastIndexOf('@');
        return scheme >= 0 && at > scheme ? text[..(scheme + 3)] + "***" + text[at..] : text;
    }
}
