using System.Collections;

namespace Descent.Training;

/// <summary>One mini-batch: inputs, targets, and the rows of the data set they came from.</summary>
public readonly record struct Batch(Tensor X, Tensor Y, int[] Rows);

/// <summary>
/// Mini-batches of rows of (x, y), as <c>torch.utils.data.DataLoader</c>: in order, or in a fresh random order
/// each pass drawn from a seeded generator; the last short batch kept or dropped.
/// </summary>
public sealed class DataLoader : IEnumerable<Batch>
{
    private readonly Tensor _x;
    private readonly Tensor _y;
    private readonly Generator? _generator;

    /// <summary>Creates a loader over the rows (dimension 0) of <paramref name="x"/> and <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive.</exception>
    /// <exception cref="ArgumentException">x and y have different numbers of rows, or shuffling without a generator.</exception>
    public DataLoader(Tensor x, Tensor y, int batchSize, bool shuffle = false, Generator? generator = null, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (batchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batch size must be a positive number of rows, got {batchSize}.");
        }
        if (x.Rank == 0 || y.Rank == 0 || x.Size(0) != y.Size(0))
        {
            throw new ArgumentException($"x of shape [{string.Join(",", x.Shape)}] and y of shape [{string.Join(",", y.Shape)}] must have the same number of rows.");
        }
        _x = x;
        _y = y;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        _generator = generator ?? (shuffle ? Generator.Default : null);
    }

    /// <summary>Rows per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each pass visits the rows in a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether a last batch with fewer than <see cref="BatchSize"/> rows is left out.</summary>
    public bool DropLast { get; }

    /// <summary>The number of rows.</summary>
    public int Rows => _x.Size(0);

    /// <summary>The number of batches per pass.</summary>
    public int BatchCount => DropLast ? Rows / BatchSize : (Rows + BatchSize - 1) / BatchSize;

    /// <inheritdoc/>
    public IEnumerator<Batch> GetEnumerator()
    {
        int n = Rows;
        int[] order = Shuffle ? _generator!.Permutation(n) : Enumerable.Range(0, n).ToArray();
        int batches = BatchCount;
        for (int b = 0; b < batches; b++)
        {
            int start = b * BatchSize;
            int[] rows = order[start..Math.Min(start + BatchSize, n)];
            yield return new Batch(_x.IndexSelect(0, rows), _y.IndexSelect(0, rows), rows);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
