using System.Diagnostics;
using System.Globalization;

namespace Descent.Training;

/// <summary>
/// Shows training progress as one plain line per finished epoch: its number, the mean loss of its batches (not the
/// last batch's, which jumps about), its scores and the time so far. A live display (a bar, a terminal UI) is another
/// callback reading the same <see cref="TrainingContext"/>; the <c>descent</c> command draws one, with
/// <see cref="Describe"/> for its text.
/// </summary>
public sealed class Progress : Callback
{
    private readonly TextWriter _output;
    private readonly Stopwatch _clock = new();

    /// <summary>Creates the callback for the standard output.</summary>
    public Progress()
        : this(Console.Out)
    {
    }

    /// <summary>Creates the callback writing its lines (never wrapped, so logs stay one line per epoch) to <paramref name="output"/>.</summary>
    public Progress(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <inheritdoc/>
    public override string Id => "progress";

    /// <inheritdoc/>
    public override void OnBegin(TrainingContext context) => _clock.Restart();

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string scores = string.Join("  ", context.TrainScores.Select(kv => $"train.{kv.Key} {Format(kv.Value)}")
            .Concat(context.ValidationScores.Select(kv => $"valid.{kv.Key} {Format(kv.Value)}")));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {context.Epoch}/{context.TotalEpochs}  mean batch loss {Format(context.EpochLoss)}  {scores}  {_clock.Elapsed.TotalSeconds:F1} s").TrimEnd());
    }

    /// <summary>
    /// The run's position as a short line, <c>epoch 3/10  batch 12/40  loss 0.4123 (epoch mean)</c>: the loss is the
    /// mean of the epoch's batches so far, which settles, where the last batch's loss jumps about.
    /// </summary>
    public static string Describe(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {context.Epoch}/{context.TotalEpochs}  batch {Math.Min(context.BatchIndex + 1, context.BatchesPerEpoch)}/{context.BatchesPerEpoch}  loss {Format(context.EpochLoss)} (epoch mean)");
    }

    /// <summary>
    /// A loss or score for a progress line: four decimals for ordinary sizes, four significant digits with an
    /// exponent for huge or tiny ones (a diverging run's 1E+38 never prints forty digits), and NaN or ∞ as such.
    /// </summary>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }
        double size = Math.Abs(value);
        return size == 0 || (size >= 1e-3 && size < 1e6)
            ? value.ToString("F4", CultureInfo.InvariantCulture)
            : value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
