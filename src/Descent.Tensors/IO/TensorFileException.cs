namespace Descent.IO;

/// <summary>
/// A tensor file is malformed, truncated or unsupported: the one exception that loading a file throws for
/// anything wrong with its contents.
/// </summary>
/// <remarks>
/// The message names the file and the problem. Errors of the file system itself (a missing file, a denied
/// permission) keep their own <see cref="IOException"/> types.
/// </remarks>
public sealed class TensorFileException : IOException
{
    /// <summary>Creates the exception for a problem found in <paramref name="sourceName"/>.</summary>
    /// <param name="sourceName">The file path, or another name that tells the user where the bytes came from.</param>
    /// <param name="problem">What is wrong, as a sentence fragment: "the header length 12 runs past the end of the file".</param>
    /// <param name="innerException">The lower-level error that revealed the problem, if any.</param>
    public TensorFileException(string sourceName, string problem, Exception? innerException = null)
        : base($"Cannot read tensor file '{sourceName}': {problem}.", innerException)
    {
        SourceName = sourceName;
        Problem = problem;
    }

    /// <summary>The file path or other name of the source that was read.</summary>
    public string SourceName { get; }

    /// <summary>What is wrong with the file, without the file name.</summary>
    public string Problem { get; }
}
