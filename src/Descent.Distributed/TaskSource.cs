namespace Descent.Distributed;

/// <summary>
/// How a study names its task: a built-in task by <see cref="Name"/>, or a CSV file by the SHA-256 <see cref="Hash"/>
/// of its bytes, which are stored once in Redis under that hash and read by every worker.
/// </summary>
public sealed record TaskSource
{
    /// <summary>A built-in task (<c>spam</c>, <c>iris</c>, <c>mtcars</c>), or null for a CSV file.</summary>
    public string? Name { get; init; }

    /// <summary>The lower-case hex SHA-256 of the CSV file's bytes.</summary>
    public string? Hash { get; init; }

    /// <summary>The CSV file's name (its extension says whether it is gzip-compressed; the rest is the task's id).</summary>
    public string? FileName { get; init; }

    /// <summary>The target column of the CSV task.</summary>
    public string? Target { get; init; }

    /// <summary>The positive class of a binary CSV task.</summary>
    public string? Positive { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Name ?? $"{FileName} (sha256 {Hash?[..12]}…)";
}
