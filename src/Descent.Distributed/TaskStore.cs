using System.Security.Cryptography;
using Descent.Training;
using StackExchange.Redis;

namespace Descent.Distributed;

/// <summary>
/// Carries tasks to workers: a built-in task travels by name; a CSV file's bytes are stored once under
/// <c>descent:task:SHA256</c>, so that every study of the same file shares one copy and a worker on another machine
/// needs no shared disk.
/// </summary>
public sealed class TaskStore
{
    private readonly IDatabase _db;
    private readonly RedisRetry _retry;

    /// <summary>Creates the store.</summary>
    public TaskStore(IDatabase db, RedisRetry retry)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(retry);
        _db = db;
        _retry = retry;
    }

    /// <summary>Stores the CSV file at <paramref name="path"/> unless a file with the same bytes is stored, and names it.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public async Task<TaskSource> PutAsync(string path, string target, string? positive)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CSV file '{path}' does not exist.", path);
        }
        byte[] bytes = await File.ReadAllBytesAsync(path).ConfigureAwait(false);
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await _retry.RunAsync(() => _db.StringSetAsync(Key(hash), bytes, when: When.NotExists)).ConfigureAwait(false);
        return new TaskSource { Hash = hash, FileName = Path.GetFileName(path), Target = target, Positive = positive };
    }

    /// <summary>The task <paramref name="source"/> names, read from Redis when it is a CSV file.</summary>
    /// <exception cref="InvalidDataException">The stored file is missing or does not match its hash.</exception>
    public async Task<SupervisedTask> GetAsync(TaskSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Name is { } name)
        {
            return Tasks.Get(name);
        }
        string hash = source.Hash ?? throw new InvalidDataException("The study's task has neither a name nor a hash.");
        RedisValue value = await _retry.RunAsync(() => _db.StringGetAsync(Key(hash))).ConfigureAwait(false);
        if (value.IsNull)
        {
            throw new InvalidDataException($"The study's task {source} is not stored in Redis (key {Key(hash)}).");
        }
        byte[] bytes = (byte[])value!;
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != hash)
        {
            throw new InvalidDataException($"The study's task {source} stored in Redis does not match its hash.");
        }
        string fileName = source.FileName ?? "task.csv";
        using var memory = new MemoryStream(bytes);
        using Stream stream = fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new System.IO.Compression.GZipStream(memory, System.IO.Compression.CompressionMode.Decompress)
            : memory;
        return CsvTaskReader.Read(stream, fileName, source.Target ?? throw new InvalidDataException("The study's CSV task has no target column."),
            source.Positive, id: fileName.Split('.')[0]);
    }

    private static string Key(string hash) => $"descent:task:{hash}";
}
