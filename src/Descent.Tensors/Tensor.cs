using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Descent;

/// <summary>
/// A dense, row-major, float32 n-dimensional array that can record the operations applied to it
/// and compute gradients by reverse-mode automatic differentiation.
/// </summary>
/// <remarks>
/// Every tensor owns or shares one contiguous buffer: <see cref="Reshape"/>, <see cref="Detach"/> and
/// <see cref="Squeeze(int)"/> share it (as PyTorch views do); every other op returns a new buffer.
/// Operations record a graph node when grad mode is on (see <see cref="Autograd.NoGrad"/>) and an input
/// requires grad.
/// </remarks>
public partial class Tensor
{
    internal readonly float[] _data;
    internal readonly int[] _shape;
    private bool _requiresGrad;

    /// <summary>
    /// Set on a gradient that a backward rule allocated for one input and shares with nothing, so that a leaf may
    /// take its buffer instead of copying it.
    /// </summary>
    internal bool _freshGradient;
    private Tensor? _grad;

    internal Tensor(float[] data, int[] shape)
    {
        if (data.Length != ShapeUtil.NumElements(shape))
        {
            throw new ArgumentException(
                $"Data of length {data.Length} does not fit shape {ShapeUtil.Format(shape)} ({ShapeUtil.NumElements(shape)} elements).");
        }
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Shape {ShapeUtil.Format(shape)} has a negative size.", nameof(shape));
            }
        }
        _data = data;
        _shape = shape;
    }

    /// <summary>Creates a tensor that shares <paramref name="other"/>'s data and shape (used by <see cref="Parameter"/>).</summary>
    protected Tensor(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _data = other._data;
        _shape = other._shape;
    }

    /// <summary>The size of each dimension.</summary>
    public ImmutableArray<int> Shape => ImmutableCollectionsMarshal.AsImmutableArray(_shape);

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>The total number of elements.</summary>
    public int NumElements => _data.Length;

    /// <summary>The size of dimension <paramref name="dim"/> (negative dims count from the end).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The dim is out of range, or the tensor is 0-D and has no dims.</exception>
    public int Size(int dim)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank);
        if (Rank == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"Size: dimension {dim} was asked of a 0-D tensor, which has no dimensions.");
        }
        return _shape[d];
    }

    /// <summary>Whether operations on this tensor are recorded for <see cref="Backward(bool)"/>.</summary>
    /// <exception cref="InvalidOperationException">Set on a tensor that is not a leaf.</exception>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (GradFn is not null)
            {
                throw new InvalidOperationException(
                    "RequiresGrad can only be changed on leaf tensors; use Detach() to get a leaf from a computed tensor.");
            }
            _requiresGrad = value;
        }
    }

    /// <summary>The accumulated gradient of a leaf, or null before the first backward pass (or after ZeroGrad).</summary>
    /// <exception cref="ArgumentException">Set to a tensor of another shape.</exception>
    public Tensor? Grad
    {
        get => _grad;
        set
        {
            if (value is not null && !ShapeUtil.SameShape(value._shape, _shape))
            {
                throw new ArgumentException(
                    $"Grad of shape {ShapeUtil.Format(value._shape)} assigned to a tensor of shape {ShapeUtil.Format(_shape)}.");
            }
            _grad = value;
        }
    }

    /// <summary>The node that produced this tensor, or null for a leaf.</summary>
    public Node? GradFn { get; private set; }

    /// <summary>True when the tensor was not computed by a recorded operation.</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, for fluent construction.</summary>
    public Tensor RequireGrad(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>A copy of the elements in row-major order.</summary>
    public float[] ToArray() => (float[])_data.Clone();

    /// <summary>The elements in row-major order, read-only and without copying.</summary>
    public ReadOnlySpan<float> AsReadOnlySpan() => _data;

    /// <summary>
    /// The elements in row-major order for writing in place. Writing is refused, as in PyTorch, on a leaf
    /// that requires grad while grad mode is on, and on any tensor that is part of a recorded graph.
    /// </summary>
    public Span<float> AsSpan()
    {
        CheckInPlace();
        return _data;
    }

    /// <summary>
    /// The elements in row-major order for writing in place, as memory that can be handed to another thread
    /// without copying. The same checks as <see cref="AsSpan"/> apply.
    /// </summary>
    public Memory<float> AsMemory()
    {
        CheckInPlace();
        return _data;
    }

    /// <summary>The elements in row-major order, read-only and without copying, as memory that can be handed to another thread.</summary>
    public ReadOnlyMemory<float> AsReadOnlyMemory() => _data;

    /// <summary>The value of a one-element tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more or fewer than one element.</exception>
    public float Item()
    {
        if (_data.Length != 1)
        {
            throw new InvalidOperationException(
                $"Item() needs a tensor with one element, but this one has shape {ShapeUtil.Format(_shape)} ({_data.Length} elements).");
        }
        return _data[0];
    }

    /// <summary>The element at the given indices (one per dimension; negative indices count from the end).</summary>
    [System.Runtime.CompilerServices.IndexerName("Element")]
    public float this[params int[] indices]
    {
        get => _data[FlatIndex(indices)];
    }

    /// <summary>A copy with its own buffer; the copy is recorded for autograd (gradients flow back through it).</summary>
    public Tensor Clone()
    {
        var result = new Tensor((float[])_data.Clone(), (int[])_shape.Clone());
        return Record(result, "CloneBackward0", [this], static (g, _) => [g]);
    }

    /// <summary>A tensor sharing this buffer but cut from the graph: a leaf that does not require grad.</summary>
    public Tensor Detach() => new(_data, _shape);

    /// <summary>
    /// Relabels the node that produced this tensor. Ops built from other ops (Mean from Sum and a division,
    /// Squeeze from Reshape) record their primitives, but print the grad_fn name that PyTorch shows.
    /// </summary>
    internal Tensor Named(string name)
    {
        GradFn?.Rename(name);
        return this;
    }

    internal int FlatIndex(ReadOnlySpan<int> indices)
    {
        if (indices.Length != Rank)
        {
            throw new ArgumentException($"Expected {Rank} indices for a tensor of shape {ShapeUtil.Format(_shape)}, got {indices.Length}.");
        }
        int flat = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            int size = _shape[i];
            int idx = indices[i];
            if (idx < -size || idx >= size)
            {
                throw new ArgumentOutOfRangeException(paramName: null, message:
                    $"Index {idx} is out of bounds for dimension {i} with size {size} (valid range [{-size}, {size - 1}]).");
            }
            flat = flat * size + (idx < 0 ? idx + size : idx);
        }
        return flat;
    }

    internal void CheckInPlace()
    {
        if (!Autograd.IsGradEnabled)
        {
            return;
        }
        if (_requiresGrad && GradFn is null)
        {
            throw new InvalidOperationException(
                "A leaf tensor that requires grad is being used in an in-place operation; wrap the update in Autograd.NoGrad().");
        }
        if (GradFn is not null)
        {
            throw new InvalidOperationException(
                "In-place operations on tensors computed by a recorded operation are not supported; use Detach() or Clone().");
        }
    }

    /// <summary>
    /// Attaches a graph node to <paramref name="result"/> when grad mode is on and an input requires grad.
    /// The backward function maps the output gradient to one gradient per input (null where none flows);
    /// gradients of broadcast inputs are reduced to the input's shape by the engine.
    /// </summary>
    internal static Tensor Record(Tensor result, string name, Tensor[] inputs, BackwardFunction backward)
    {
        if (!Autograd.IsGradEnabled)
        {
            return result;
        }
        foreach (Tensor input in inputs)
        {
            if (input._requiresGrad)
            {
                result.GradFn = new Node(name, inputs, result, backward);
                result._requiresGrad = true;
                return result;
            }
        }
        return result;
    }
}
