namespace Descent.IO;

/// <summary>Writes a file so that readers see either the previous version or the complete new one, never a part.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/> into a temporary file in the same folder,
    /// flushes it to disk and renames it over <paramref name="path"/>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole content to the stream it is given; it must not dispose the stream.</param>
    /// <remarks>
    /// If <paramref name="write"/>, the flush or the rename fails, the temporary file is deleted, the exception
    /// propagates and the previous file is untouched. The rename is atomic on one volume, which is why the temporary
    /// file lives beside the target and not in the system's temp folder. .NET offers no portable way to flush the
    /// folder entry itself, so after a power loss the rename may be lost, leaving the previous file: consistent,
    /// just older. A crash of the process can leave a temporary file named <c>.{name}.{random}.tmp</c> behind; the
    /// next write of the same file removes such leftovers, except those another writer still holds open.
    /// </remarks>
    /// <exception cref="IOException">The folder is missing or not writable, the disk is full, or the rename failed.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the target does not allow writing.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);

        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' names a root folder, not a file.", nameof(path));
        string temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        RemoveLeftovers(folder, Path.GetFileName(fullPath));

        bool created = false;
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                created = true;
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            if (created)
            {
                TryDelete(temporary);
            }
            throw;
        }
    }

    /// <summary>Deletes the temporary files earlier writes of <paramref name="name"/> left when their process died.</summary>
    private static void RemoveLeftovers(string folder, string name)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, $".{name}.*.tmp").ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (string candidate in candidates)
        {
            string middle = Path.GetFileName(candidate)[(name.Length + 2)..^4];
            if (middle.Length != 32 || !middle.All(char.IsAsciiHexDigit))
            {
                continue;
            }
            try
            {
                // A writer in progress holds its file exclusively (FileShare.None), so opening it fails: it is left alone.
                using (new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }
                File.Delete(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original failure matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
