using System.Globalization;
using System.Text;

namespace Descent.Training;

/// <summary>One epoch's scores.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Train">Train measures by id, from the epoch's training forward passes.</param>
/// <param name="Validation">Validation measures by id.</param>
public sealed record EpochRecord(int Epoch, IReadOnlyDictionary<string, double> Train, IReadOnlyDictionary<string, double> Validation);

/// <summary>Records the train and validation measures of every epoch (mlr3torch's <c>t_clbk("history")</c>).</summary>
public sealed class History : Callback
{
    private readonly List<EpochRecord> _epochs = [];

    /// <inheritdoc/>
    public override string Id => "history";

    /// <summary>The recorded epochs, in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <inheritdoc/>
    public override History Clone() => new();

    /// <inheritdoc/>
    public override void OnBegin(TrainingContext context)
    {
        // A new run starts an empty history; a resumed run restores its epochs from the checkpoint after this stage.
        _epochs.Clear();
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context) =>
        _epochs.Add(new EpochRecord(context.Epoch, context.TrainScores, context.ValidationScores));

    /// <summary>The history as CSV: <c>epoch</c>, then <c>train.&lt;measure&gt;</c> and <c>valid.&lt;measure&gt;</c> columns.</summary>
    public string ToCsv()
    {
        string[] train = _epochs.SelectMany(e => e.Train.Keys).Distinct().ToArray();
        string[] valid = _epochs.SelectMany(e => e.Validation.Keys).Distinct().ToArray();
        var sb = new StringBuilder("epoch");
        foreach (string m in train)
        {
            sb.Append(",train.").Append(m);
        }
        foreach (string m in valid)
        {
            sb.Append(",valid.").Append(m);
        }
        sb.Append('\n');
        foreach (EpochRecord e in _epochs)
        {
            sb.Append(e.Epoch.ToString(CultureInfo.InvariantCulture));
            foreach (string m in train)
            {
                sb.Append(',').Append(Format(e.Train, m));
            }
            foreach (string m in valid)
            {
                sb.Append(',').Append(Format(e.Validation, m));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> to a file.</summary>
    public void SaveCsv(string path) => File.WriteAllText(path, ToCsv());

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> StateDict() => new Dictionary<string, object?> { ["csv"] = ToCsv() };

    /// <inheritdoc/>
    public override void LoadStateDict(IReadOnlyDictionary<string, object?> state)
    {
        string csv = state.TryGetValue("csv", out object? v) && v is string s ? s : throw new ArgumentException("History state lacks 'csv'.");
        _epochs.Clear();
        _epochs.AddRange(Parse(csv));
    }

    private static string Format(IReadOnlyDictionary<string, double> scores, string key) =>
        scores.TryGetValue(key, out double v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static IEnumerable<EpochRecord> Parse(string csv)
    {
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] header = lines[0].Split(',');
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            var train = new Dictionary<string, double>();
            var valid = new Dictionary<string, double>();
            for (int i = 1; i < header.Length; i++)
            {
                if (f[i].Length == 0)
                {
                    continue;
                }
                double value = double.Parse(f[i], CultureInfo.InvariantCulture);
                if (header[i].StartsWith("train.", StringComparison.Ordinal))
                {
                    train[header[i]["train.".Length..]] = value;
                }
                else
                {
                    valid[header[i]["valid.".Length..]] = value;
                }
            }
            yield return new EpochRecord(int.Parse(f[0], CultureInfo.InvariantCulture), train, valid);
        }
    }
}
