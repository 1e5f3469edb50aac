using System.Numerics.Tensors;
using Descent.Kernels;

namespace Descent;

public partial class Tensor
{
    /// <summary>The sum of all elements, as a scalar.</summary>
    public Tensor Sum()
    {
        int[] shape = _shape;
        return Record(Scalar(TensorPrimitives.Sum(_data)), "SumBackward0", [this], (g, _) => [g.Expand(shape)]);
    }

    /// <summary>Sums over <paramref name="dim"/>; with <paramref name="keepDim"/> the dimension stays with size 1.</summary>
    public Tensor Sum(int dim, bool keepDim = false)
    {
        (int d, int outer, int size, int inner) = ReductionLayout(dim);
        var data = TensorArena.Rent(outer * inner);
        Reduce.Sum(_data, outer, size, inner, data);
        int[] original = _shape;
        int[] kept = KeptShape(d);
        return Record(new Tensor(data, ReducedShape(d, keepDim)), "SumBackward1", [this],
            (g, _) => [g.Reshape(kept).Expand(original)]);
    }

    /// <summary>Sums over several dimensions (all of them when <paramref name="dims"/> is null or empty).</summary>
    /// <exception cref="ArgumentException">A dimension appears twice.</exception>
    public Tensor Sum(int[]? dims, bool keepDim = false)
    {
        if (Rank == 0)
        {
            NormalizeDims(dims);
            return Sum(0, keepDim);
        }
        int[] ds = NormalizeDims(dims);
        Tensor result = this;
        // From the last dim to the first, so that the remaining dims keep their numbers.
        for (int i = ds.Length - 1; i >= 0; i--)
        {
            result = result.Sum(ds[i], keepDim: true);
        }
        if (keepDim)
        {
            return result;
        }
        return result.Reshape(_shape.Where((_, d) => Array.IndexOf(ds, d) < 0).ToArray()).Named("SumBackward1");
    }

    /// <summary>The mean over several dimensions (all of them when <paramref name="dims"/> is null or empty).</summary>
    public Tensor Mean(int[]? dims, bool keepDim = false)
    {
        int[] ds = NormalizeDims(dims);
        int n = 1;
        foreach (int d in ds)
        {
            n *= _shape[d];
        }
        return (Sum(ds, keepDim) / n).Named("MeanBackward1");
    }

    /// <summary>The mean of all elements (NaN for an empty tensor, as in PyTorch).</summary>
    public Tensor Mean() => (Sum() / _data.Length).Named("MeanBackward0");

    /// <summary>The mean over <paramref name="dim"/>.</summary>
    public Tensor Mean(int dim, bool keepDim = false)
    {
        (int d, _, int size, _) = ReductionLayout(dim);
        return (Sum(d, keepDim) / size).Named("MeanBackward1");
    }

    /// <summary>The largest element; the gradient is shared equally among ties, as in PyTorch.</summary>
    public Tensor Max() => Extreme(isMax: true);

    /// <summary>The smallest element; the gradient is shared equally among ties.</summary>
    public Tensor Min() => Extreme(isMax: false);

    /// <summary>The largest value along <paramref name="dim"/>; the gradient goes to the first maximal entry.</summary>
    public Tensor Max(int dim, bool keepDim = false) => ExtremeAlong(dim, keepDim, isMax: true);

    /// <summary>The smallest value along <paramref name="dim"/>; the gradient goes to the first minimal entry.</summary>
    public Tensor Min(int dim, bool keepDim = false) => ExtremeAlong(dim, keepDim, isMax: false);

    /// <summary>The flat index of the largest element (first one on ties), as a scalar.</summary>
    public Tensor ArgMax()
    {
        if (_data.Length == 0)
        {
            throw new InvalidOperationException("ArgMax of an empty tensor.");
        }
        return Scalar(Reduce.ArgExtreme(_data, 1, _data.Length, 1, isMax: true)[0]);
    }

    /// <summary>The index of the largest entry along <paramref name="dim"/> (first one on ties), as floats.</summary>
    public Tensor ArgMax(int dim, bool keepDim = false)
    {
        (int d, int outer, int size, int inner) = ReductionLayout(dim);
        if (size == 0)
        {
            throw new InvalidOperationException($"ArgMax over dimension {d} of size 0.");
        }
        int[] index = Reduce.ArgExtreme(_data, outer, size, inner, isMax: true);
        return new Tensor(Array.ConvertAll(index, i => (float)i), ReducedShape(d, keepDim));
    }

    /// <summary>
    /// The variance over <paramref name="dims"/> (all elements when null or empty): Σ(x − x̄)² / (n − correction),
    /// with Bessel's correction by default.
    /// </summary>
    /// <remarks>A single int binds to <see cref="Var(int, int, bool)"/>, so <c>x.Var(0)</c> is over dim 0, as in PyTorch.</remarks>
    public Tensor Var(int[]? dims = null, int correction = 1, bool keepDim = false)
    {
        int[] ds = NormalizeDims(dims);
        int n = 1;
        foreach (int d in ds)
        {
            n *= _shape[d];
        }
        Tensor centered = this - Mean(ds, keepDim: true);
        return (centered.Square().Sum(ds, keepDim) / Math.Max(n - correction, 0)).Named("VarBackward0");
    }

    /// <summary>The variance along <paramref name="dim"/>: Σ(x − x̄)² / (n − correction).</summary>
    public Tensor Var(int dim, int correction = 1, bool keepDim = false)
    {
        (int d, _, int size, _) = ReductionLayout(dim);
        Tensor centered = this - Mean(d, keepDim: true);
        return (centered.Square().Sum(d, keepDim) / Math.Max(size - correction, 0)).Named("VarBackward0");
    }

    /// <summary>The standard deviation over <paramref name="dims"/> (all elements when null or empty).</summary>
    public Tensor Std(int[]? dims = null, int correction = 1, bool keepDim = false) => Var(dims, correction, keepDim).Sqrt().Named("StdBackward0");

    /// <summary>The standard deviation along <paramref name="dim"/>.</summary>
    public Tensor Std(int dim, int correction = 1, bool keepDim = false) => Var(dim, correction, keepDim).Sqrt().Named("StdBackward0");

    /// <summary>exp(x) / Σ exp(x) along <paramref name="dim"/>, computed after subtracting the maximum.</summary>
    public Tensor Softmax(int dim) => Softmax(dim, log: false);

    /// <summary>x − log Σ exp(x) along <paramref name="dim"/>, computed stably.</summary>
    public Tensor LogSoftmax(int dim) => Softmax(dim, log: true);

    /// <summary>Softmax or, with <paramref name="log"/>, its logarithm, through the one kernel that computes both.</summary>
    private Tensor Softmax(int dim, bool log)
    {
        (int d, int outer, int size, int inner) = ReductionLayout(dim);
        var data = TensorArena.Rent(_data.Length);
        Reduce.Softmax(_data, outer, size, inner, data, log);
        return Record(new Tensor(data, _shape), log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", [this], (g, n) =>
        {
            Tensor y = n.Output.Detach();
            return [log ? g - y.Exp() * g.Sum(d, keepDim: true) : y * (g - (g * y).Sum(d, keepDim: true))];
        });
    }

    private Tensor Extreme(bool isMax)
    {
        if (_data.Length == 0)
        {
            throw new InvalidOperationException($"{(isMax ? "Max" : "Min")} of an empty tensor: the operation has no identity.");
        }
        float value = isMax ? TensorPrimitives.Max(_data) : TensorPrimitives.Min(_data);
        return Record(Scalar(value), isMax ? "MaxBackward1" : "MinBackward1", [this], (g, n) =>
        {
            Tensor mask = n.Inputs[0].Detach().Eq(value);
            return [mask * (g / mask.Sum())];
        });
    }

    private Tensor ExtremeAlong(int dim, bool keepDim, bool isMax)
    {
        (int d, int outer, int size, int inner) = ReductionLayout(dim);
        if (size == 0)
        {
            throw new InvalidOperationException($"{(isMax ? "Max" : "Min")} over dimension {d} of size 0.");
        }
        int[] index = Reduce.ArgExtreme(_data, outer, size, inner, isMax);
        var data = TensorArena.Rent(outer * inner);
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                data[o * inner + i] = _data[(o * size + index[o * inner + i]) * inner + i];
            }
        }
        int[] original = _shape;
        return Record(new Tensor(data, ReducedShape(d, keepDim)), isMax ? "MaxBackward0" : "MinBackward0", [this], (g, _) =>
        {
            var gi = TensorArena.Rent(ShapeUtil.NumElements(original));
            for (int o = 0; o < outer; o++)
            {
                for (int i = 0; i < inner; i++)
                {
                    gi[(o * size + index[o * inner + i]) * inner + i] = g._data[o * inner + i];
                }
            }
            return [new Tensor(gi, original)];
        });
    }

    private (int Dim, int Outer, int Size, int Inner) ReductionLayout(int dim)
    {
        if (Rank == 0)
        {
            ShapeUtil.NormalizeDim(dim, 0);
            return (0, 1, 1, 1);
        }
        int d = ShapeUtil.NormalizeDim(dim, Rank);
        (int outer, int inner) = Layout.Split(_shape, d);
        return (d, outer, _shape[d], inner);
    }

    /// <summary>Dims made non-negative and sorted; null or empty means every dim.</summary>
    private int[] NormalizeDims(int[]? dims)
    {
        if (dims is null || dims.Length == 0)
        {
            return Enumerable.Range(0, Rank).ToArray();
        }
        var result = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            result[i] = ShapeUtil.NormalizeDim(dims[i], Rank, nameof(dims));
            if (Array.IndexOf(result, result[i], 0, i) >= 0)
            {
                throw new ArgumentException($"Dim {dims[i]} appears more than once in {ShapeUtil.Format(dims)}.", nameof(dims));
            }
        }
        Array.Sort(result);
        return Rank == 0 ? [] : result;
    }

    private int[] KeptShape(int d)
    {
        if (Rank == 0)
        {
            return [];
        }
        int[] shape = (int[])_shape.Clone();
        shape[d] = 1;
        return shape;
    }

    private int[] ReducedShape(int d, bool keepDim)
    {
        if (Rank == 0)
        {
            return [];
        }
        return keepDim ? KeptShape(d) : [.. _shape[..d], .. _shape[(d + 1)..]];
    }
}
