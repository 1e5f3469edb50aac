using Descent.Distributed;
using StackExchange.Redis;

namespace Descent.Cli.Arguments;

/// <summary>An open connection to a study's server.</summary>
internal sealed record StudyConnection(RedisAddress Address, ConnectionMultiplexer Connection, StudyStore Study, TaskStore Tasks) : IDisposable
{
    public void Dispose() => Connection.Dispose();
}
