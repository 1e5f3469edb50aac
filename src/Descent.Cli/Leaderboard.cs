using System.Globalization;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli;

/// <summary>One line of a tuning leaderboard.</summary>
/// <param name="Configuration">The hyperparameter values.</param>
/// <param name="Score">The aggregated measure.</param>
/// <param name="Seconds">The time the trial took.</param>
/// <param name="Epochs">The epochs trained, shown for successive halving; null otherwise.</param>
internal sealed record LeaderboardRow(IReadOnlyDictionary<string, object> Configuration, double Score, double Seconds, int? Epochs = null);

/// <summary>The table <c>descent tune</c> prints, the same for a serial run, local workers and a study on Redis.</summary>
internal static class Leaderboard
{
    /// <summary>
    /// Writes <paramref name="rows"/> (in trial order) ranked by <paramref name="measure"/>, and the best line. With
    /// epochs, rows that trained longer rank first: a successive-halving score at few epochs is only a forecast.
    /// </summary>
    public static void Write(string title, Measure measure, IReadOnlyList<LeaderboardRow> rows)
    {
        bool epochs = rows.Any(r => r.Epochs is not null);
        var table = new Table().Title(Markup.Escape(title)).AddColumn("rank").AddColumn("configuration");
        if (epochs)
        {
            table.AddColumn("epochs");
        }
        table.AddColumn(measure.Id).AddColumn("seconds");
        int rank = 1;
        IOrderedEnumerable<LeaderboardRow> ordered = epochs ? rows.OrderByDescending(r => r.Epochs) : rows.OrderBy(_ => 0);
        ordered = measure.Minimize ? ordered.ThenBy(r => r.Score) : ordered.ThenByDescending(r => r.Score);
        foreach (LeaderboardRow row in ordered)
        {
            var cells = new List<string> { rank++.ToString(CultureInfo.InvariantCulture), Markup.Escape(Describe(row.Configuration)) };
            if (epochs)
            {
                cells.Add(row.Epochs?.ToString(CultureInfo.InvariantCulture) ?? "");
            }
            cells.Add(row.Score.ToString("F4", CultureInfo.InvariantCulture));
            cells.Add(row.Seconds.ToString("F1", CultureInfo.InvariantCulture));
            table.AddRow([.. cells]);
        }
        AnsiConsole.Write(table);
        if (rows.Count == 0)
        {
            return;
        }
        int most = rows.Max(r => r.Epochs ?? 0);
        LeaderboardRow best = Tuner.Best(rows.Where(r => (r.Epochs ?? 0) == most).ToArray(), measure, r => r.Score);
        AnsiConsole.WriteLine($"best: {Describe(best.Configuration)} ({measure.Id} {best.Score.ToString("F4", CultureInfo.InvariantCulture)})");
    }

    private static string Describe(IReadOnlyDictionary<string, object> configuration) =>
        string.Join(", ", configuration.Select(kv => $"{kv.Key} = {Format(kv.Value)}"));

    private static string Format(object? v) => v switch
    {
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };
}
