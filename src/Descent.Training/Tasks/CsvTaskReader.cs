using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Descent.Training;

/// <summary>
/// Reads a task from CSV: a header row of column names, numeric feature columns, and a target column that is
/// categorical (a classification task, classes in sorted order as R's factor levels) or numeric (regression).
/// Quoted fields follow RFC 4180. Problems are reported as <see cref="InvalidDataException"/> naming the file,
/// the line and the column.
/// </summary>
public static class CsvTaskReader
{
    /// <summary>Reads a task from the CSV file at <paramref name="path"/> (gzip-compressed when it ends in <c>.gz</c>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="target">The target column.</param>
    /// <param name="positiveClass">For a binary classification target, the positive class.</param>
    /// <param name="classification">Force a classification (true) or regression (false) task; by default a numeric target means regression.</param>
    /// <param name="id">The task's name; the file name without extension by default.</param>
    public static SupervisedTask Read(string path, string target, string? positiveClass = null, bool? classification = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CSV file '{path}' does not exist.", path);
        }
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        string name = Path.GetFileName(path);
        return Read(stream, name, target, positiveClass, classification, id ?? name.Split('.')[0]);
    }

    /// <summary>Reads a task from CSV text in <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public static SupervisedTask Read(Stream stream, string source, string target, string? positiveClass = null, bool? classification = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(target);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? headerLine = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(headerLine))
        {
            throw new InvalidDataException($"{source}: the file is empty; expected a header row of column names.");
        }
        string[] header = SplitLine(headerLine, source, 1);
        int targetColumn = Array.IndexOf(header, target);
        if (targetColumn < 0)
        {
            throw new InvalidDataException($"{source}: no target column '{target}' (columns: {string.Join(", ", header)}).");
        }

        var rows = new List<string[]>();
        int lineNumber = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            string[] fields = SplitLine(line, source, lineNumber);
            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"{source}, line {lineNumber}: {fields.Length} fields, but the header has {header.Length} columns.");
            }
            rows.Add(fields);
        }
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{source}: the file has a header but no data rows.");
        }

        string[] featureNames = header.Where((_, i) => i != targetColumn).ToArray();
        var features = new float[rows.Count * featureNames.Length];
        for (int r = 0; r < rows.Count; r++)
        {
            int c = 0;
            for (int j = 0; j < header.Length; j++)
            {
                if (j == targetColumn)
                {
                    continue;
                }
                features[r * featureNames.Length + c++] = ParseNumber(rows[r][j], source, r + 2, header[j]);
            }
        }

        string[] targetValues = rows.Select(row => row[targetColumn]).ToArray();
        for (int r = 0; r < targetValues.Length; r++)
        {
            if (IsMissing(targetValues[r]))
            {
                throw new InvalidDataException($"{source}, line {r + 2}, column '{target}': missing target value.");
            }
        }
        bool numeric = targetValues.All(v => float.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        string taskId = id ?? source;
        if (classification ?? !numeric)
        {
            string[] classes = targetValues.Distinct().Order(StringComparer.Ordinal).ToArray();
            var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
            try
            {
                return new ClassificationTask(taskId, featureNames, features, target, targetValues.Select(v => index[v]).ToArray(), classes, positiveClass);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{source}: {e.Message}", e);
            }
        }
        if (positiveClass is not null)
        {
            throw new InvalidDataException($"{source}: a positive class was given, but the target '{target}' is numeric (a regression task).");
        }
        float[] targets = targetValues.Select((v, r) => ParseNumber(v, source, r + 2, target)).ToArray();
        return new RegressionTask(taskId, featureNames, features, target, targets);
    }

    /// <summary>Reads a gzip-compressed CSV embedded in this assembly.</summary>
    internal static SupervisedTask ReadEmbedded(string resource, string target, string? positiveClass, string id)
    {
        Stream? compressed = typeof(CsvTaskReader).Assembly.GetManifestResourceStream("Descent.Training.Data." + resource)
            ?? throw new InvalidOperationException($"The built-in data '{resource}' is missing from the assembly.");
        using (compressed)
        using (var stream = new GZipStream(compressed, CompressionMode.Decompress))
        {
            return Read(stream, resource, target, positiveClass, null, id);
        }
    }

    internal static bool IsMissing(string v) => v.Length == 0 || v is "NA" or "NaN" or "nan" or "null" or "NULL";

    private static float ParseNumber(string text, string source, int line, string column)
    {
        if (IsMissing(text))
        {
            throw new InvalidDataException($"{source}, line {line}, column '{column}': missing value.");
        }
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
        {
            throw new InvalidDataException($"{source}, line {line}, column '{column}': '{text}' is not a number (features must be numeric).");
        }
        return value;
    }

    /// <summary>Splits one CSV line, honouring double-quoted fields with "" escapes.</summary>
    internal static string[] SplitLine(string line, string source, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted)
        {
            throw new InvalidDataException($"{source}, line {lineNumber}: a quoted field is not closed.");
        }
        fields.Add(field.ToString().Trim());
        return fields.ToArray();
    }
}
