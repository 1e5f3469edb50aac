using System.Globalization;
using System.Text;

namespace Descent.Cli;

/// <summary>Writes small CSV files: a header row, then rows of numbers and labels (quoted when they hold a comma).</summary>
internal static class Csv
{
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', header.Select(Field)).Append('\n');
        foreach (IReadOnlyList<object?> row in rows)
        {
            sb.AppendJoin(',', row.Select(v => Field(v switch
            {
                null => "",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                float f => f.ToString("R", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            }))).Append('\n');
        }
        File.WriteAllText(path, sb.ToString());
    }

    private static string Field(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
