namespace Descent.Distributed.Tests;

/// <summary>Reads the leaderboard <c>descent tune</c> prints, without the seconds column (times differ between runs).</summary>
internal static class LeaderboardText
{
    /// <summary>Each row's cells but the last (seconds), then the best line.</summary>
    public static IReadOnlyList<string> Rows(string output)
    {
        var rows = output.Split('\n')
            .Where(l => l.StartsWith('│') && !l.Contains("rank", StringComparison.Ordinal))
            .Select(l => string.Join(" | ", l.Split('│', StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()).SkipLast(1)))
            .ToList();
        rows.AddRange(output.Split('\n').Where(l => l.StartsWith("best: ", StringComparison.Ordinal)).Select(l => l.Trim()));
        return rows;
    }
}
