using System.Globalization;
using System.Text;

namespace Descent.Training;

/// <summary>
/// A saved model over CSV files of any size: <see cref="Predict"/> streams rows through the network a chunk at a time
/// (memory does not grow with the file), <see cref="Evaluate"/> scores a labelled file. Columns are matched by name;
/// columns the model does not read are ignored.
/// </summary>
public static class ModelCsv
{
    /// <summary>The rows predicted at once: large enough for fast matrix products, small enough to keep memory flat.</summary>
    private const int ChunkRows = 4096;

    /// <summary>
    /// Predicts every row of <paramref name="input"/> and writes one output row per input row, in input order:
    /// <c>row_id</c> (from 1), <c>response</c> (the class or the value) and, for a classifier, <c>prob.&lt;class&gt;</c>
    /// for each class. Returns the number of rows.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="input">CSV text with a header row.</param>
    /// <param name="source">Names the input in errors.</param>
    /// <param name="output">Receives the predictions as CSV.</param>
    /// <param name="progress">Called with the rows done after each chunk.</param>
    /// <exception cref="InvalidDataException">A feature column is missing, or a cell is missing or not a number (the message names row and column).</exception>
    public static long Predict(SavedModel model, TextReader input, string source, TextWriter output, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var reader = new ModelCsvReader(model, input, source, withTarget: false);
        var header = new List<string> { "row_id", "response" };
        header.AddRange(model.ClassNames.Select(c => "prob." + c));
        output.Write(string.Join(",", header.Select(Field)));
        output.Write('\n');
        var features = new float[ChunkRows * model.FeatureNames.Count];
        int k = model.ClassNames.Count;
        var line = new StringBuilder();
        long rowId = 0;
        for (int n = reader.Read(features, ChunkRows, null); n > 0; n = reader.Read(features, ChunkRows, null))
        {
            PredictedRows predicted = model.Predict(features, n);
            for (int i = 0; i < n; i++)
            {
                line.Clear();
                line.Append(++rowId).Append(',');
                if (predicted.Classes is { } classes)
                {
                    line.Append(Field(model.ClassNames[classes[i]]));
                    for (int c = 0; c < k; c++)
                    {
                        line.Append(',').Append(Number(predicted.Values[i * k + c]));
                    }
                }
                else
                {
                    line.Append(Number(predicted.Values[i]));
                }
                line.Append('\n');
                output.Write(line);
            }
            progress?.Invoke(rowId);
        }
        return rowId;
    }

    /// <summary>
    /// Predicts a labelled CSV file (its target column is the model's <see cref="SavedModel.TargetName"/>) in the form
    /// every measure can score (with class probabilities).
    /// </summary>
    /// <exception cref="InvalidDataException">A column is missing, a cell is missing or not a number, or a label is not one of the model's classes.</exception>
    public static Prediction Evaluate(SavedModel model, TextReader input, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        var reader = new ModelCsvReader(model, input, source, withTarget: true);
        var features = new float[ChunkRows * model.FeatureNames.Count];
        var targets = new List<(string Value, long Row, int Line)>();
        var values = new List<float>();
        var classes = new List<int>();
        var truth = new List<int>();
        var truthValues = new List<float>();
        for (int n = reader.Read(features, ChunkRows, targets); n > 0; n = reader.Read(features, ChunkRows, targets))
        {
            PredictedRows predicted = model.Predict(features, n);
            values.AddRange(predicted.Values);
            classes.AddRange(predicted.Classes ?? []);
            foreach ((string value, long row, int line) in targets)
            {
                if (model.IsClassifier)
                {
                    int c = model.ClassIndex(value);
                    truth.Add(c >= 0 ? c : throw new InvalidDataException(
                        $"{reader.Where(row, line)}column '{model.TargetName}': '{value}' is not a class the model knows ({string.Join(", ", model.ClassNames)})."));
                }
                else
                {
                    truthValues.Add(float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v)
                        ? v
                        : throw new InvalidDataException($"{reader.Where(row, line)}column '{model.TargetName}': '{value}' is not a number (a regression target)."));
                }
            }
            targets.Clear();
        }
        return model.IsClassifier
            ? new ClassificationPrediction(model.ClassNames, model.PositiveClass, [.. truth], [.. classes], [.. values])
            : new RegressionPrediction([.. truthValues], [.. values]);
    }

    private static string Number(float v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Field(string s) => s.Contains(',') || s.Contains('"') || s.Contains('\n')
        ? "\"" + s.Replace("\"", "\"\"") + "\""
        : s;
}
