namespace Descent;

public partial class Tensor
{
    /// <summary>
    /// The same elements with a new shape, sharing this buffer (a view, as <c>torch.reshape</c> of a contiguous
    /// tensor). One dimension may be −1 and is then inferred.
    /// </summary>
    public Tensor Reshape(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int[] resolved = ResolveShape(shape);
        var result = new Tensor(_data, resolved);
        int[] original = _shape;
        return Record(result, "ReshapeAliasBackward0", [this], (g, _) => [g.Reshape(original)]);
    }

    /// <summary>Flattens dims <paramref name="startDim"/>..<paramref name="endDim"/> into one.</summary>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        if (Rank == 0)
        {
            return Reshape(1);
        }
        int start = ShapeUtil.NormalizeDim(startDim, Rank, nameof(startDim));
        int end = ShapeUtil.NormalizeDim(endDim, Rank, nameof(endDim));
        if (start > end)
        {
            throw new ArgumentException($"Flatten: startDim {startDim} comes after endDim {endDim}.");
        }
        var shape = new List<int>(_shape[..start]) { ShapeUtil.NumElements(_shape.AsSpan(start, end - start + 1)) };
        shape.AddRange(_shape[(end + 1)..]);
        return Reshape([.. shape]);
    }

    /// <summary>Swaps two dimensions (copies the data into the new order).</summary>
    public Tensor Transpose(int dim0, int dim1)
    {
        int d0 = ShapeUtil.NormalizeDim(dim0, Rank, nameof(dim0));
        int d1 = ShapeUtil.NormalizeDim(dim1, Rank, nameof(dim1));
        var order = new int[Math.Max(Rank, 0)];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        if (order.Length > 0)
        {
            (order[d0], order[d1]) = (order[d1], order[d0]);
        }
        return Permute(order).Named("TransposeBackward0");
    }

    /// <summary>The transpose of a matrix.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not 2-D.</exception>
    public Tensor T => Rank == 2
        ? Permute(1, 0)
        : throw new InvalidOperationException($"T needs a 2-D tensor, but this one has shape {ShapeUtil.Format(_shape)}; use Transpose(d0, d1).");

    /// <summary>Reorders the dimensions: dimension i of the result is dimension <c>dims[i]</c> of this tensor.</summary>
    public Tensor Permute(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length != Rank)
        {
            throw new ArgumentException($"Permute: {dims.Length} dims given for a tensor of shape {ShapeUtil.Format(_shape)}.");
        }
        var order = new int[Rank];
        var seen = new bool[Rank];
        for (int i = 0; i < Rank; i++)
        {
            order[i] = ShapeUtil.NormalizeDim(dims[i], Rank, nameof(dims));
            if (seen[order[i]])
            {
                throw new ArgumentException($"Permute: dim {dims[i]} appears twice.");
            }
            seen[order[i]] = true;
        }
        var shape = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            shape[i] = _shape[order[i]];
        }
        var data = TensorArena.Rent(_data.Length);
        Kernels.Layout.Permute(_data, _shape, order, data);
        var inverse = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            inverse[order[i]] = i;
        }
        return Record(new Tensor(data, shape), "PermuteBackward0", [this], (g, _) => [g.Permute(inverse)]);
    }

    /// <summary>The slice [start, start + length) along <paramref name="dim"/> (a copy).</summary>
    public Tensor Narrow(int dim, int start, int length)
    {
        if (Rank == 0)
        {
            throw new ArgumentException("Narrow cannot be applied to a 0-D tensor.");
        }
        int d = ShapeUtil.NormalizeDim(dim, Rank);
        int size = _shape[d];
        if (start < -size || start > size)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start,
                $"Narrow: start {start} is out of range for dimension {d} of size {size} (valid range [{-size}, {size}]).");
        }
        if (start < 0)
        {
            start += size;
        }
        if (length < 0 || start + length > size)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length,
                $"Narrow: length {length} from start {start} is out of range for dimension {d} of size {size} (valid range [0, {size - start}]).");
        }
        var indices = new int[length];
        for (int i = 0; i < length; i++)
        {
            indices[i] = start + i;
        }
        return IndexSelect(d, indices).Named("SliceBackward0");
    }

    /// <summary>The entries at <paramref name="indices"/> along <paramref name="dim"/>, in that order (rows of a mini-batch for dim 0).</summary>
    public Tensor IndexSelect(int dim, params int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int d = ShapeUtil.NormalizeDim(dim, Rank);
        int size = Rank == 0 ? 1 : _shape[d];
        int[] idx = new int[indices.Length];
        for (int i = 0; i < idx.Length; i++)
        {
            int k = indices[i];
            if (k < -size || k >= size)
            {
                throw new ArgumentOutOfRangeException(paramName: null, message:
                    $"IndexSelect: index {k} is out of range for dimension {d} of size {size} (valid range [{-size}, {size - 1}]).");
            }
            idx[i] = k < 0 ? k + size : k;
        }
        if (Rank == 0)
        {
            throw new ArgumentException("IndexSelect needs a tensor with at least one dimension.");
        }
        int[] shape = (int[])_shape.Clone();
        shape[d] = idx.Length;
        var data = TensorArena.Rent(ShapeUtil.NumElements(shape));
        (int outer, int inner) = Kernels.Layout.Split(_shape, d);
        Kernels.Layout.Gather(_data, outer, size, inner, idx, data);
        int[] original = _shape;
        return Record(new Tensor(data, shape), "IndexSelectBackward0", [this], (g, _) =>
        {
            var gi = TensorArena.Rent(ShapeUtil.NumElements(original));
            Kernels.Layout.ScatterAdd(g._data, outer, size, inner, idx, gi);
            return [new Tensor(gi, original)];
        });
    }

    /// <summary>Removes every dimension of size 1 (a view).</summary>
    public Tensor Squeeze() => Reshape(_shape.Where(s => s != 1).ToArray()).Named("SqueezeBackward0");

    /// <summary>Removes <paramref name="dim"/> if its size is 1; otherwise returns the same shape (as PyTorch).</summary>
    public Tensor Squeeze(int dim)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank);
        int[] shape = Rank == 0 || _shape[d] != 1 ? _shape : [.. _shape[..d], .. _shape[(d + 1)..]];
        return Reshape(shape).Named("SqueezeBackward1");
    }

    /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/> (a view); dim ranges over [−rank−1, rank].</summary>
    public Tensor Unsqueeze(int dim)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank + 1);
        return Reshape([.. _shape[..d], 1, .. _shape[d..]]).Named("UnsqueezeBackward0");
    }

    /// <summary>Repeats size-1 dimensions (and prepends new ones) to reach <paramref name="shape"/>; −1 keeps a size.</summary>
    public Tensor Expand(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length < Rank)
        {
            throw new ArgumentException($"Expand: target {ShapeUtil.Format(shape)} has fewer dims than {ShapeUtil.Format(_shape)}.");
        }
        int[] target = (int[])shape.Clone();
        int offset = target.Length - Rank;
        for (int i = 0; i < target.Length; i++)
        {
            int own = i >= offset ? _shape[i - offset] : 1;
            if (target[i] == -1 && i >= offset)
            {
                target[i] = own;
            }
            if (target[i] < 0)
            {
                throw new ArgumentException(
                    $"Expand: size {target[i]} at dim {i} of {ShapeUtil.Format(shape)} is invalid; -1 may only keep an existing dimension.");
            }
            if (own != 1 && own != target[i])
            {
                throw new ArgumentException($"Expand: shape {ShapeUtil.Format(_shape)} cannot be expanded to {ShapeUtil.Format(shape)}.");
            }
        }
        var data = TensorArena.Rent(ShapeUtil.NumElements(target));
        Kernels.Broadcast.To(_data, _shape, data, target);
        int[] original = _shape;
        return Record(new Tensor(data, target), "ExpandBackward0", [this], (g, _) => [g.SumToShape(original)]);
    }

    private int[] ResolveShape(int[] shape)
    {
        int[] resolved = (int[])shape.Clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw new ArgumentException($"Reshape: only one dimension can be -1, got {ShapeUtil.Format(shape)}.");
                }
                inferred = i;
            }
            else if (resolved[i] < 0)
            {
                throw new ArgumentException($"Reshape: invalid size {resolved[i]} in {ShapeUtil.Format(shape)}.");
            }
            else
            {
                known *= resolved[i];
            }
        }
        if (inferred >= 0)
        {
            if (known == 0 || _data.Length % known != 0)
            {
                throw new ArgumentException(
                    $"Reshape: shape {ShapeUtil.Format(shape)} is invalid for a tensor of shape {ShapeUtil.Format(_shape)} ({_data.Length} elements).");
            }
            resolved[inferred] = (int)(_data.Length / known);
        }
        else if (known != _data.Length)
        {
            throw new ArgumentException(
                $"Reshape: shape {ShapeUtil.Format(shape)} is invalid for a tensor of shape {ShapeUtil.Format(_shape)} ({_data.Length} elements).");
        }
        return resolved;
    }
}
