namespace Descent;

public partial class Tensor
{
    /// <summary>Joins tensors along an existing dimension; all other dimensions must agree.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException("Concat needs at least one tensor.", nameof(tensors));
        }
        Tensor first = tensors[0];
        if (first.Rank == 0)
        {
            throw new ArgumentException("Concat: zero-dimensional tensors cannot be concatenated; use Stack.");
        }
        int d = ShapeUtil.NormalizeDim(dim, first.Rank);
        int total = 0;
        var sizes = new int[tensors.Count];
        for (int t = 0; t < tensors.Count; t++)
        {
            Tensor x = tensors[t];
            bool compatible = x.Rank == first.Rank;
            for (int k = 0; compatible && k < x.Rank; k++)
            {
                compatible = k == d || x._shape[k] == first._shape[k];
            }
            if (!compatible)
            {
                throw new ArgumentException(
                    $"Concat: tensor {t} has shape {ShapeUtil.Format(x._shape)}, which does not match {ShapeUtil.Format(first._shape)} outside dim {d}.");
            }
            sizes[t] = x._shape[d];
            total += sizes[t];
        }
        int[] shape = (int[])first._shape.Clone();
        shape[d] = total;
        var data = TensorArena.Rent(ShapeUtil.NumElements(shape));
        (int outer, int inner) = Kernels.Layout.Split(shape, d);
        int offset = 0;
        foreach (Tensor x in tensors)
        {
            int block = x._shape[d] * inner;
            for (int o = 0; o < outer; o++)
            {
                x._data.AsSpan(o * block, block).CopyTo(data.AsSpan(o * total * inner + offset * inner, block));
            }
            offset += x._shape[d];
        }
        return Record(new Tensor(data, shape), "CatBackward0", [.. tensors], (g, _) =>
        {
            var grads = new Tensor?[sizes.Length];
            int start = 0;
            for (int t = 0; t < sizes.Length; t++)
            {
                grads[t] = g.Narrow(d, start, sizes[t]);
                start += sizes[t];
            }
            return grads;
        });
    }

    /// <summary>Joins same-shaped tensors along a new dimension.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException("Stack needs at least one tensor.", nameof(tensors));
        }
        int d = ShapeUtil.NormalizeDim(dim, tensors[0].Rank + 1);
        foreach (Tensor x in tensors)
        {
            if (!ShapeUtil.SameShape(x._shape, tensors[0]._shape))
            {
                throw new ArgumentException(
                    $"Stack: shapes {ShapeUtil.Format(tensors[0]._shape)} and {ShapeUtil.Format(x._shape)} differ; all tensors must have the same shape.");
            }
        }
        return Concat(tensors.Select(x => x.Unsqueeze(d)).ToArray(), d).Named("StackBackward0");
    }
}
