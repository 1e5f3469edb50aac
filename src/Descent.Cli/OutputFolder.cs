namespace Descent.Cli;

/// <summary>
/// The folders a command writes into: created and checked for writing before any work starts, and removed again
/// when the command fails before writing anything into them.
/// </summary>
internal static class OutputFolder
{
    private static readonly List<string> s_created = [];

    /// <summary>Creates <paramref name="folder"/> (and its missing parents) and checks that files can be written there.</summary>
    /// <exception cref="IOException">The folder cannot be created or written to (the message says why, in one line).</exception>
    public static string Prepare(string folder, string option = "--out")
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new ArgumentException($"{option}: give a folder, not an empty name.");
        }
        string full = Path.GetFullPath(folder);
        string? missing = full;
        var toCreate = new List<string>();
        while (missing is not null && !Directory.Exists(missing))
        {
            if (File.Exists(missing))
            {
                throw new IOException($"{option} '{folder}': '{missing}' is a file, not a folder.");
            }
            toCreate.Add(missing);
            missing = Path.GetDirectoryName(missing);
        }
        try
        {
            Directory.CreateDirectory(full);
            lock (s_created)
            {
                s_created.AddRange(toCreate);
            }
            string probe = Path.Combine(full, $".descent-write-check-{Environment.ProcessId}.tmp");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            RemoveEmpty();
            throw new IOException($"{option} '{folder}': cannot write there ({e.Message.TrimEnd('.')}).", e);
        }
        return folder;
    }

    /// <summary>Prepares the folder that will hold <paramref name="file"/>.</summary>
    public static string PrepareFor(string file, string option = "--out")
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            throw new ArgumentException($"{option}: give a file, not an empty name.");
        }
        if (Directory.Exists(file))
        {
            throw new IOException($"{option} '{file}' is a folder; give the file to write.");
        }
        Prepare(Path.GetDirectoryName(Path.GetFullPath(file))!, option);
        return file;
    }

    /// <summary>Forgets the folders created so far: the command succeeded and keeps them.</summary>
    public static void Keep()
    {
        lock (s_created)
        {
            s_created.Clear();
        }
    }

    /// <summary>Removes the folders this command created that are still empty, deepest first.</summary>
    public static void RemoveEmpty()
    {
        lock (s_created)
        {
            foreach (string folder in s_created)
            {
                try
                {
                    if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                    {
                        Directory.Delete(folder);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Leaving an empty folder is better than hiding the failure that brought us here.
                }
            }
            s_created.Clear();
        }
    }
}
