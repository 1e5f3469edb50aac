namespace Descent.Interop.Pt;

/// <summary>
/// Bounds the elements the tensors of one file may gather from its storages: four times the storages' own
/// elements (tied weights and slices read one storage more than once), plus a little. An expanded view
/// (stride 0) or many views of one storage could otherwise turn a small file into a large allocation.
/// </summary>
internal sealed class GatherBudget
{
    private const long Slack = 1 << 10;
    private long _storageElements;
    private long _gathered;

    /// <summary>Counts a storage read from the archive.</summary>
    public void AddStorage(long count) => _storageElements += count;

    /// <summary>Takes <paramref name="count"/> elements for one tensor, or throws <see cref="FormatException"/>.</summary>
    public void Take(long count, long storageCount)
    {
        if (count > Math.Max(storageCount, 1))
        {
            throw new FormatException(
                $"a tensor has {count} elements but its storage only {storageCount} (an expanded view); Descent refuses it so that a small file cannot make a large allocation");
        }
        _gathered += count;
        if (_gathered > 4 * _storageElements + Slack)
        {
            throw new FormatException(
                $"the tensors read {_gathered} elements from storages holding {_storageElements}; Descent refuses more than four reads of each storage");
        }
    }
}
