namespace Descent.NN;

/// <summary>
/// Validated class-index targets for <see cref="Functional.CrossEntropy"/> and <see cref="Functional.NllLoss"/>,
/// with the layout that turns an input of shape [C], [N, C] or [N, C, d1, …] into rows of C class scores.
/// </summary>
/// <remarks>Made only by <see cref="Create"/>, which validates what the constructor takes.</remarks>
internal sealed class ClassTargets(int[] targetShape, int rows, int classes, int[] picks, Tensor valid, Tensor rowWeights,
    float totalWeight)
{
    /// <summary>The number of samples (one per target entry).</summary>
    public int Rows { get; } = rows;

    /// <summary>The number of classes C.</summary>
    public int Classes { get; } = classes;

    /// <summary>[Rows] mask: 1 for a sample that counts, 0 for one whose target is the ignore index.</summary>
    public Tensor Valid { get; } = valid;

    /// <summary>[Rows] the class weight of each sample's target (1 without class weights), 0 where ignored.</summary>
    public Tensor RowWeights { get; } = rowWeights;

    /// <summary>The sum of <see cref="RowWeights"/>: the denominator of the 'mean' reduction.</summary>
    public float TotalWeight { get; } = totalWeight;

    /// <summary>Checks the target's shape and values against <paramref name="input"/> and the class weights.</summary>
    /// <exception cref="ArgumentException">
    /// The target does not fit the input, or holds a value that is not an integer class in [0, C) or the ignore index.
    /// </exception>
    public static ClassTargets Create(Tensor input, Tensor target, Tensor? weight, int ignoreIndex, string op)
    {
        int classDim = input.Rank == 1 ? 0 : 1;
        int classes = input.Size(classDim);
        int[] expected = [.. input.Shape[..classDim], .. input.Shape[(classDim + 1)..]];
        if (!target.Shape.AsSpan().SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"{op}: target of shape {PyRepr.Shape(target)} does not fit input of shape {PyRepr.Shape(input)}: " +
                $"expected class indices of shape {PyRepr.Shape([.. expected])} or class probabilities of shape {PyRepr.Shape(input)}.",
                nameof(target));
        }

        ReadOnlySpan<float> values = target.AsReadOnlySpan();
        ReadOnlySpan<float> classWeights = weight is null ? default : weight.AsReadOnlySpan();
        var picks = new int[values.Length];
        var valid = new float[values.Length];
        var rowWeights = new float[values.Length];
        float totalWeight = 0;
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (v == ignoreIndex)
            {
                // Any column will do: the sample is masked out after the pick.
                picks[i] = i * classes;
                continue;
            }
            if (v != MathF.Floor(v))
            {
                throw new ArgumentException($"{op}: target {v} at position {i} is not an integer class index.", nameof(target));
            }
            if (v < 0 || v >= classes)
            {
                throw new ArgumentException(
                    $"{op}: target {v} is out of bounds for {classes} classes (class indices must be in [0, {classes - 1}] " +
                    $"or equal ignoreIndex {ignoreIndex}).",
                    nameof(target));
            }
            int c = (int)v;
            picks[i] = i * classes + c;
            valid[i] = 1;
            rowWeights[i] = weight is null ? 1 : classWeights[c];
            totalWeight += rowWeights[i];
        }
        return new ClassTargets(expected, values.Length, classes, picks,
            Tensor.FromArray(valid, values.Length), Tensor.FromArray(rowWeights, values.Length), totalWeight);
    }

    /// <summary>
    /// <paramref name="perClass"/> (shaped like the input) as [Rows, C]: the class dimension moved last and the
    /// others flattened in the target's order.
    /// </summary>
    public Tensor ToRows(Tensor perClass)
    {
        if (perClass.Rank > 2)
        {
            int[] order = new int[perClass.Rank];
            order[^1] = 1;
            order[0] = 0;
            for (int d = 2; d < perClass.Rank; d++)
            {
                order[d - 1] = d;
            }
            perClass = perClass.Permute(order);
        }
        return perClass.Reshape(Rows, Classes);
    }

    /// <summary>[Rows] the entry of each row of <paramref name="rows"/> at the sample's target class (column 0 where ignored).</summary>
    public Tensor Pick(Tensor rows) => rows.Reshape(Rows * Classes).IndexSelect(0, picks);

    /// <summary>A per-sample [Rows] tensor in the target's shape, for the 'none' reduction.</summary>
    public Tensor ToTargetShape(Tensor perSample) => perSample.Reshape(targetShape);
}
