using System.Globalization;

namespace Descent.Training;

/// <summary>
/// Reads the rows of a CSV file for a saved model, a chunk at a time: the model's feature columns found by name in the
/// header (in the model's order; other columns are ignored) and, when asked, the target column. Problems are
/// <see cref="InvalidDataException"/>s naming the file, the row, its line and the column.
/// </summary>
internal sealed class ModelCsvReader
{
    private readonly TextReader _reader;
    private readonly string _source;
    private readonly int[] _columns;
    private readonly string[] _names;
    private readonly int _targetColumn;
    private readonly string _targetName;
    private readonly int _headerWidth;
    private int _line = 1;

    public ModelCsvReader(SavedModel model, TextReader reader, string source, bool withTarget)
    {
        _reader = reader;
        _source = source;
        string? headerLine = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(headerLine))
        {
            throw new InvalidDataException($"{source}: the file is empty; expected a header row of column names.");
        }
        string[] header = CsvTaskReader.SplitLine(headerLine, source, 1);
        _headerWidth = header.Length;
        _names = [.. model.FeatureNames];
        _columns = model.FeatureNames.Select(name => Array.IndexOf(header, name) is var j and >= 0
            ? j
            : throw new InvalidDataException($"{source}: no column '{name}', which the model needs (columns: {string.Join(", ", header)}).")).ToArray();
        _targetColumn = -1;
        _targetName = model.TargetName;
        if (withTarget)
        {
            _targetColumn = Array.IndexOf(header, model.TargetName);
            if (_targetColumn < 0)
            {
                throw new InvalidDataException($"{source}: no target column '{model.TargetName}' (columns: {string.Join(", ", header)}).");
            }
        }
    }

    /// <summary>The data rows read so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>
    /// Reads up to <paramref name="maxRows"/> rows into <paramref name="features"/> (row-major) and, when the reader
    /// takes the target, their target cells into <paramref name="targets"/>; returns the number read, 0 at the end.
    /// </summary>
    public int Read(float[] features, int maxRows, List<(string Value, long Row, int Line)>? targets)
    {
        int p = _columns.Length;
        int n = 0;
        while (n < maxRows)
        {
            string? line = _reader.ReadLine();
            if (line is null)
            {
                break;
            }
            _line++;
            if (line.Length == 0)
            {
                continue;
            }
            string[] fields = CsvTaskReader.SplitLine(line, _source, _line);
            if (fields.Length != _headerWidth)
            {
                throw new InvalidDataException($"{_source}, line {_line}: {fields.Length} fields, but the header has {_headerWidth} columns.");
            }
            RowsRead++;
            for (int j = 0; j < p; j++)
            {
                features[n * p + j] = Number(fields[_columns[j]], _names[j]);
            }
            if (targets is not null)
            {
                string target = fields[_targetColumn];
                if (CsvTaskReader.IsMissing(target))
                {
                    throw new InvalidDataException($"{Where()}column '{_targetName}': missing target value.");
                }
                targets.Add((target, RowsRead, _line));
            }
            n++;
        }
        if (n == 0 && RowsRead == 0)
        {
            throw new InvalidDataException($"{_source}: the file has a header but no data rows.");
        }
        return n;
    }

    /// <summary>"file, row r (line l), " for the row just read: rows count data rows from 1, lines count the header too.</summary>
    private string Where() => Where(RowsRead, _line);

    /// <summary>Where a row sits, for messages.</summary>
    public string Where(long row, int line) => $"{_source}, row {row} (line {line}), ";

    private float Number(string text, string column)
    {
        if (CsvTaskReader.IsMissing(text))
        {
            throw new InvalidDataException($"{Where()}column '{column}': missing value.");
        }
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
        {
            throw new InvalidDataException($"{Where()}column '{column}': '{text}' is not a number (features must be numeric).");
        }
        return value;
    }
}
