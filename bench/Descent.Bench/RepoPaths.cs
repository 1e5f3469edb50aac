namespace Descent.Bench;

/// <summary>Finds the repository from the working directory or from the harness's binaries.</summary>
internal static class RepoPaths
{
    /// <summary>The repository root (the folder that holds <c>bench/peer</c>), or null when none is found.</summary>
    public static string? Root { get; } = Find(Directory.GetCurrentDirectory()) ?? Find(AppContext.BaseDirectory);

    /// <summary>The folder of the PyTorch peer scripts, or null.</summary>
    public static string? PeerScripts => Root is null ? null : Path.Combine(Root, "bench", "peer");

    private static string? Find(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "bench", "peer", "optim_peer.py")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
