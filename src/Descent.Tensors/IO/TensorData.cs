using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Descent.IO;

/// <summary>
/// An immutable, typed, row-major array with a shape: one entry of a tensor file.
/// </summary>
/// <remarks>
/// <see cref="TensorDType.Float32"/> entries convert to and from <see cref="Tensor"/>; <see cref="TensorDType.Float64"/>
/// and <see cref="TensorDType.Int64"/> entries hold <see cref="double"/> and <see cref="long"/> values for state the
/// float32 engine cannot represent exactly (64-bit counters) and for interchange. The values are copied in and
/// copied out, so a <see cref="TensorData"/> never aliases a caller's buffer.
/// </remarks>
public sealed class TensorData
{
    // float[], double[] or long[], matching DType.
    private readonly Array _values;
    private readonly int[] _shape;

    private TensorData(TensorDType dtype, int[] shape, Array values)
    {
        DType = dtype;
        _shape = shape;
        _values = values;
    }

    /// <summary>The element type.</summary>
    public TensorDType DType { get; }

    /// <summary>The size of each dimension; empty for a scalar.</summary>
    public ImmutableArray<int> Shape => ImmutableCollectionsMarshal.AsImmutableArray(_shape);

    /// <summary>The number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public int NumElements => _values.Length;

    /// <summary>The size of the values in a file, in bytes.</summary>
    public long ByteLength => (long)_values.Length * TensorDTypes.ElementSize(DType);

    /// <summary>A float32 entry holding a copy of <paramref name="tensor"/>'s values and shape.</summary>
    public static TensorData FromTensor(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return new TensorData(TensorDType.Float32, (int[])tensor._shape.Clone(), (float[])tensor._data.Clone());
    }

    /// <summary>A float64 entry holding a copy of <paramref name="values"/>.</summary>
    /// <param name="values">The elements in row-major order.</param>
    /// <param name="shape">The shape; it is required, and <c>[]</c> makes a scalar.</param>
    /// <exception cref="ArgumentException">The shape has a negative size or does not match the number of values.</exception>
    public static TensorData FromFloat64(ReadOnlySpan<double> values, ReadOnlySpan<int> shape) =>
        new(TensorDType.Float64, CheckShape(values.Length, shape), values.ToArray());

    /// <summary>An int64 entry holding a copy of <paramref name="values"/>.</summary>
    /// <param name="values">The elements in row-major order.</param>
    /// <param name="shape">The shape; it is required, and <c>[]</c> makes a scalar.</param>
    /// <exception cref="ArgumentException">The shape has a negative size or does not match the number of values.</exception>
    public static TensorData FromInt64(ReadOnlySpan<long> values, ReadOnlySpan<int> shape) =>
        new(TensorDType.Int64, CheckShape(values.Length, shape), values.ToArray());

    /// <summary>A new tensor holding a copy of this float32 entry.</summary>
    /// <exception cref="InvalidOperationException">The entry is not <see cref="TensorDType.Float32"/>.</exception>
    public Tensor ToTensor() => new(AsSpan<float>().ToArray(), (int[])_shape.Clone());

    /// <summary>A copy of this float64 entry's values in row-major order.</summary>
    /// <exception cref="InvalidOperationException">The entry is not <see cref="TensorDType.Float64"/>.</exception>
    public double[] ToFloat64Array() => AsSpan<double>().ToArray();

    /// <summary>A copy of this int64 entry's values in row-major order.</summary>
    /// <exception cref="InvalidOperationException">The entry is not <see cref="TensorDType.Int64"/>.</exception>
    public long[] ToInt64Array() => AsSpan<long>().ToArray();

    /// <summary>The values in row-major order, without copying.</summary>
    /// <typeparam name="T"><see cref="float"/>, <see cref="double"/> or <see cref="long"/>, matching <see cref="DType"/>.</typeparam>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match <see cref="DType"/>.</exception>
    public ReadOnlySpan<T> AsSpan<T>()
        where T : unmanaged
    {
        if (_values is not T[] values)
        {
            throw new InvalidOperationException(
                $"This entry holds {TensorDTypes.Code(DType)} values ({TensorDTypes.ElementType(DType).Name}), not {typeof(T).Name}.");
        }
        return values;
    }

    /// <inheritdoc/>
    public override string ToString() => $"TensorData({TensorDTypes.Code(DType)}, {ShapeUtil.Format(_shape)})";

    /// <summary>Wraps a tensor's buffer without copying, for writing it out while the caller waits.</summary>
    internal static TensorData Wrap(Tensor tensor) => new(TensorDType.Float32, tensor._shape, tensor._data);

    /// <summary>Takes ownership of a freshly read buffer whose length the reader has checked against the shape.</summary>
    internal static TensorData Adopt(TensorDType dtype, int[] shape, Array values) => new(dtype, shape, values);

    /// <summary>The values as raw bytes in the file's (little-endian) order.</summary>
    /// <remarks>A span holds at most 2^31 - 1 bytes, so the caller asks for the values in slices of elements.</remarks>
    internal ReadOnlySpan<byte> GetBytes(int start, int count) => _values switch
    {
        float[] f => MemoryMarshal.AsBytes(f.AsSpan(start, count)),
        double[] d => MemoryMarshal.AsBytes(d.AsSpan(start, count)),
        long[] l => MemoryMarshal.AsBytes(l.AsSpan(start, count)),
        _ => throw new InvalidOperationException("Unreachable: the values array has an unknown type."),
    };

    private static int[] CheckShape(int count, ReadOnlySpan<int> shape)
    {
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Shape {ShapeUtil.Format(shape)} has a negative size.", nameof(shape));
            }
        }
        if (ShapeUtil.NumElements(shape) != count)
        {
            throw new ArgumentException(
                $"{count} values do not fit shape {ShapeUtil.Format(shape)} ({ShapeUtil.NumElements(shape)} elements).", nameof(shape));
        }
        return shape.ToArray();
    }
}
