using System.Globalization;
using System.Text;

namespace Descent.Training;

/// <summary>The resample results of a <see cref="Benchmark"/>, one per learner, task and resampling, and their aggregated table.</summary>
public sealed class BenchmarkResult
{
    internal BenchmarkResult(IReadOnlyList<ResampleResult> results, IReadOnlyList<Measure> measures)
    {
        Results = results;
        Measures = measures;
    }

    /// <summary>The resample results, tasks outermost, then resamplings, then learners, each in the order given.</summary>
    public IReadOnlyList<ResampleResult> Results { get; }

    /// <summary>The measures scored.</summary>
    public IReadOnlyList<Measure> Measures { get; }

    /// <summary>The aggregated table: one row per resample result, in the order of <see cref="Results"/>.</summary>
    public IReadOnlyList<BenchmarkRow> Aggregate() => Results
        .Select(r => new BenchmarkRow(r.Learner.Id, r.Learner.DescribeSettings(), r.Task.Id, r.Instance.Resampling.ToString()!, r.Aggregate()))
        .ToArray();

    /// <summary>The aggregated table as aligned text: learner, settings, task, resampling, then one column per measure.</summary>
    public string ToText()
    {
        IReadOnlyList<BenchmarkRow> rows = Aggregate();
        string[] header = ["learner", "settings", "task", "resampling", .. Measures.Select(m => m.Id)];
        string[][] cells = rows
            .Select(r => (string[])[r.LearnerId, r.LearnerLabel, r.TaskId, r.Resampling,
                .. Measures.Select(m => r.Scores[m.Id].ToString("F4", CultureInfo.InvariantCulture))])
            .ToArray();
        int[] widths = header.Select((h, j) => cells.Select(c => c[j].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        AppendLine(sb, header, widths);
        sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (string[] row in cells)
        {
            AppendLine(sb, row, widths);
        }
        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToText();

    private static void AppendLine(StringBuilder sb, string[] cells, int[] widths)
    {
        const int TextColumns = 4;
        // Text columns align left and measures right, so that decimal points line up.
        sb.AppendLine(string.Join("  ", cells.Select((c, j) => j < TextColumns ? c.PadRight(widths[j]) : c.PadLeft(widths[j]))).TrimEnd());
    }
}
