using System.Text;

namespace Descent;

/// <summary>Shape arithmetic shared by every op: sizes, strides, broadcasting and dim checks.</summary>
internal static class ShapeUtil
{
    public static int NumElements(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            n *= d;
            if (n > int.MaxValue)
            {
                throw new ArgumentException($"A tensor of shape {Format(shape)} has more than {int.MaxValue} elements.");
            }
        }
        return (int)n;
    }

    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /// <summary>Formats a shape the way error messages show it: <c>[32,57]</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            sb.Append(shape[i]);
        }
        return sb.Append(']').ToString();
    }

    /// <summary>Turns a possibly negative dim into an index in [0, rank), or throws naming the valid range.</summary>
    public static int NormalizeDim(int dim, int rank, string paramName = "dim")
    {
        // A scalar accepts dims -1 and 0, as in PyTorch.
        int effectiveRank = Math.Max(rank, 1);
        if (dim < -effectiveRank || dim >= effectiveRank)
        {
            throw new ArgumentOutOfRangeException(paramName, dim,
                $"Dimension out of range (expected to be in range of [{-effectiveRank}, {effectiveRank - 1}], but got {dim}).");
        }
        return dim < 0 ? dim + effectiveRank : dim;
    }

    /// <summary>NumPy broadcasting of two shapes; throws naming both shapes when they do not broadcast.</summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException(
                    $"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast (size {da} vs {db} at dim {i}).");
            }
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Strides of <paramref name="shape"/> viewed as <paramref name="target"/>, with 0 for broadcast dims.</summary>
    public static int[] BroadcastStrides(ReadOnlySpan<int> shape, ReadOnlySpan<int> target)
    {
        var strides = new int[target.Length];
        int offset = target.Length - shape.Length;
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i + offset] = shape[i] == 1 ? 0 : s;
            s *= shape[i];
        }
        return strides;
    }

    public static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);
}
