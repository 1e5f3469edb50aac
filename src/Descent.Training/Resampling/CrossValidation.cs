namespace Descent.Training;

/// <summary>
/// k-fold cross-validation, as mlr3's <c>rsmp("cv")</c>: the rows are dealt into <see cref="Folds"/> folds of sizes
/// that differ by at most one; iteration i tests on fold i and trains on the others, so every row is tested once.
/// Stratified, the rows are dealt class by class, so each fold also holds each class's rows in near-equal numbers.
/// </summary>
public sealed class CrossValidation : Resampling
{
    /// <summary>Creates the strategy; mlr3's default is 3 folds.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is below 2.</exception>
    public CrossValidation(int folds = 3, bool stratify = false)
        : base(stratify)
    {
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, $"Cross-validation needs at least 2 folds, got {folds}.");
        }
        Folds = folds;
    }

    /// <summary>The number of folds.</summary>
    public int Folds { get; }

    /// <inheritdoc/>
    public override string Id => "cv";

    /// <inheritdoc/>
    public override int Iterations => Folds;

    /// <inheritdoc/>
    public override string ToString() => $"cv(folds={Folds}{(Stratify ? ", stratified" : "")})";

    private protected override (int[] Train, int[] Test)[] Split(int[][] strata, SupervisedTask task)
    {
        if (task.NRow < Folds)
        {
            throw new ArgumentException($"{this} needs at least {Folds} rows, but task '{task.Id}' has {task.NRow}.", nameof(task));
        }
        var fold = new int[task.NRow];
        int position = 0;
        // Dealing continues across strata, so fold sizes stay balanced overall as well as within each class.
        foreach (int[] rows in strata)
        {
            foreach (int row in rows)
            {
                fold[row] = position++ % Folds;
            }
        }
        return Enumerable.Range(0, Folds)
            .Select(k => (Enumerable.Range(0, task.NRow).Where(r => fold[r] != k).ToArray(), Enumerable.Range(0, task.NRow).Where(r => fold[r] == k).ToArray()))
            .ToArray();
    }
}
