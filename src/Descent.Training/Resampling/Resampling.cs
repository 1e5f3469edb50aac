namespace Descent.Training;

/// <summary>
/// A resampling strategy, as an mlr3 <c>rsmp()</c>: how to split a task's rows into train and test sets.
/// <see cref="Instantiate"/> draws the splits for one task from a seed, so that every learner compared on the
/// task sees the same rows.
/// </summary>
/// <remarks>
/// With <see cref="Stratify"/> (classification only) the rows of each class are split separately, so each train
/// and test set keeps the class proportions of the task up to rounding.
/// </remarks>
public abstract class Resampling
{
    private protected Resampling(bool stratify) => Stratify = stratify;

    /// <summary>The strategy's mlr3 id (<c>holdout</c>, <c>cv</c>).</summary>
    public abstract string Id { get; }

    /// <summary>Whether the rows of each class are split separately.</summary>
    public bool Stratify { get; }

    /// <summary>The number of train/test splits.</summary>
    public abstract int Iterations { get; }

    /// <summary>Draws the train and test rows of every iteration for <paramref name="task"/>.</summary>
    /// <exception cref="ArgumentException">Stratification of a regression task, or too few rows for the strategy.</exception>
    public ResamplingInstance Instantiate(SupervisedTask task, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(task);
        var generator = new Generator(seed);
        int[][] strata;
        if (!Stratify)
        {
            strata = [generator.Permutation(task.NRow)];
        }
        else if (task is ClassificationTask classification)
        {
            strata = Enumerable.Range(0, classification.ClassNames.Count)
                .Select(c => Enumerable.Range(0, task.NRow).Where(r => classification.Classes[r] == c).ToArray())
                .Select(rows => generator.Permutation(rows.Length).Select(i => rows[i]).ToArray())
                .ToArray();
        }
        else
        {
            throw new ArgumentException($"{this}: stratification needs a classification task, but '{task.Id}' is a {task.GetType().Name}.", nameof(task));
        }
        (int[] Train, int[] Test)[] splits = Split(strata, task);
        foreach ((int[] train, int[] test) in splits)
        {
            Array.Sort(train);
            Array.Sort(test);
        }
        return new ResamplingInstance(this, task.Id, task.NRow, seed, splits);
    }

    /// <summary>Splits the rows, given as strata each in a random order, into the train and test sets of every iteration.</summary>
    private protected abstract (int[] Train, int[] Test)[] Split(int[][] strata, SupervisedTask task);
}
