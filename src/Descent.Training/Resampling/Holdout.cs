using System.Globalization;

namespace Descent.Training;

/// <summary>
/// One split into a train set of <see cref="Ratio"/> of the rows (rounded) and a test set of the rest, as mlr3's
/// <c>rsmp("holdout")</c>; stratified, the ratio is applied to every class.
/// </summary>
public sealed class Holdout : Resampling
{
    /// <summary>Creates the strategy; mlr3's default ratio is 2/3.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ratio"/> is not strictly between 0 and 1.</exception>
    public Holdout(double ratio = 2.0 / 3.0, bool stratify = false)
        : base(stratify)
    {
        if (!(ratio > 0 && ratio < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, $"Holdout ratio must be in (0, 1), got {ratio.ToString(CultureInfo.InvariantCulture)}.");
        }
        Ratio = ratio;
    }

    /// <summary>The fraction of rows trained on.</summary>
    public double Ratio { get; }

    /// <inheritdoc/>
    public override string Id => "holdout";

    /// <inheritdoc/>
    public override int Iterations => 1;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"holdout(ratio={Ratio:G3}{(Stratify ? ", stratified" : "")})");

    private protected override (int[] Train, int[] Test)[] Split(int[][] strata, SupervisedTask task)
    {
        var train = new List<int>();
        var test = new List<int>();
        foreach (int[] rows in strata)
        {
            int n = (int)Math.Round(Ratio * rows.Length);
            train.AddRange(rows[..n]);
            test.AddRange(rows[n..]);
        }
        if (train.Count == 0 || test.Count == 0)
        {
            throw new ArgumentException(
                $"{this} of the {task.NRow} rows of task '{task.Id}' leaves no rows for {(train.Count == 0 ? "training" : "testing")}.", nameof(task));
        }
        return [([.. train], [.. test])];
    }
}
